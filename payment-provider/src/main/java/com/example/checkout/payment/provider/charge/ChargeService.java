package com.example.checkout.payment.provider.charge;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.example.checkout.payment.provider.web.ApiError;
import com.example.checkout.payment.provider.web.IdempotencyKeyHeader;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Creates charges once per idempotency key, and reads them back. */
@Service
class ChargeService {

    private final ChargeRepository charges;
    private final PaymentProviderProperties properties;

    ChargeService(ChargeRepository charges, PaymentProviderProperties properties) {
        this.charges = charges;
        this.properties = properties;
    }

    /**
     * Captures (or declines) {@code request} under {@code key}, or replays what the key did before. Everything is
     * checked before the ledger is touched, so a rejected request stores nothing.
     *
     * <p>The key's unique index is the lock: two concurrent requests with one key make one charge, the second waits
     * for the first to commit and replays it. Declines are stored too, so a declined key stays declined.
     *
     * @throws ApiError 400 for a missing key or invalid body, 422 for a key reused with another body, 503 for
     *                  {@code tok_unavailable}
     */
    @Transactional
    ChargeOutcome charge(String key, ChargeRequest body) {
        IdempotencyKeyHeader.require(key);
        ChargeRequest request = body.validated();
        CardToken token = CardToken.of(request.source());
        if (token == CardToken.UNAVAILABLE) {
            throw ApiError.unavailable("The payment provider is temporarily unavailable; retry with the same key.");
        }
        String status = token.approves() ? Charge.SUCCEEDED : Charge.FAILED;
        String failureCode = token.approves() ? null : "card_declined";
        return charges.insertIfAbsent("ch_" + UUID.randomUUID(), key, request, status, failureCode)
                .map(created -> new ChargeOutcome(created, false,
                        token == CardToken.SLOW ? properties.slowDelay() : Duration.ZERO))
                .orElseGet(() -> replay(key, request));
    }

    private ChargeOutcome replay(String key, ChargeRequest request) {
        ChargeRepository.Recorded earlier = charges.findByKey(key).orElseThrow();
        if (!request.sameAs(earlier.charge(), earlier.source())) {
            throw ApiError.idempotencyMismatch("Keys for idempotent requests can only be used with the same "
                    + "parameters they were first used with. Try using a key other than '" + key + "'.");
        }
        return new ChargeOutcome(earlier.charge(), true, Duration.ZERO);
    }

    @Transactional(readOnly = true)
    Charge charge(String id) {
        return charges.findById(id).orElseThrow(() -> ApiError.noSuch("id", "No such charge: '" + id + "'."));
    }

    /** The charge made under {@code key} (captured or declined), as a list of zero or one. */
    @Transactional(readOnly = true)
    List<Charge> chargesWithKey(String key) {
        return charges.findByKey(key).map(ChargeRepository.Recorded::charge).stream().toList();
    }

    /** One page of captures created in {@code [from, to]}, in creation order; {@code limit} 1 to 100. */
    @Transactional(readOnly = true)
    ChargeList captures(Instant from, Instant to, String startingAfter, int limit) {
        if (limit < 1 || limit > 100) {
            throw ApiError.invalidRequest("limit", "Limit must be between 1 and 100.");
        }
        if (startingAfter != null && !charges.exists(startingAfter)) {
            throw ApiError.invalidRequest("starting_after", "No such charge: '" + startingAfter + "'.");
        }
        List<Charge> page = charges.captures(from, to, startingAfter, limit + 1);
        return new ChargeList(page.subList(0, Math.min(limit, page.size())), page.size() > limit);
    }
}
