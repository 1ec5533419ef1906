package com.example.checkout.payment.provider.refund;

import java.util.UUID;

import com.example.checkout.payment.provider.web.ApiError;
import com.example.checkout.payment.provider.web.IdempotencyKeyHeader;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Refunds a charge in full, once. */
@Service
class RefundService {

    private final RefundRepository refunds;

    RefundService(RefundRepository refunds) {
        this.refunds = refunds;
    }

    /**
     * Refunds {@code request}'s charge under {@code key}. The same key again replays its refund; another key for a
     * charge already refunded gets that charge's refund (so a reconciler racing a saga cannot refund twice); the key
     * reused for another charge is a 422.
     *
     * @throws ApiError 400 for a missing key or charge, or a charge that was declined; 404 for an unknown charge;
     *                  422 for a key reused with another charge
     */
    @Transactional
    RefundOutcome refund(String key, RefundRequest request) {
        IdempotencyKeyHeader.require(key);
        if (request.charge() == null || request.charge().isBlank()) {
            throw ApiError.invalidRequest("charge", "Missing required param: charge.");
        }
        RefundRepository.Refundable charge = refunds.lockCharge(request.charge())
                .orElseThrow(() -> ApiError.noSuch("charge", "No such charge: '" + request.charge() + "'."));
        return refunds.findByKey(key).map(earlier -> replay(earlier, charge))
                .orElseGet(() -> refundOnce(key, charge));
    }

    private RefundOutcome refundOnce(String key, RefundRepository.Refundable charge) {
        if (!charge.captured()) {
            throw ApiError.invalidRequest("charge", "Charge '" + charge.id() + "' was declined: nothing to refund.");
        }
        return refunds.findByCharge(charge.id()).map(existing -> new RefundOutcome(existing, false, false))
                .or(() -> refunds.insertIfAbsent("re_" + UUID.randomUUID(), key, charge)
                        .map(created -> new RefundOutcome(created, true, false)))
                .orElseGet(() -> replay(refunds.findByKey(key).orElseThrow(), charge));
    }

    private static RefundOutcome replay(Refund earlier, RefundRepository.Refundable charge) {
        if (!earlier.charge().equals(charge.id())) {
            throw ApiError.idempotencyMismatch("Keys for idempotent requests can only be used with the same "
                    + "parameters they were first used with. This key refunded charge '" + earlier.charge() + "'.");
        }
        return new RefundOutcome(earlier, false, true);
    }
}
