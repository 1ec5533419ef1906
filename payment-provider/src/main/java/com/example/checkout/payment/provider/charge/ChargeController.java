package com.example.checkout.payment.provider.charge;

import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

import com.example.checkout.payment.provider.web.IdempotencyKeyHeader;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/v1/charges")
class ChargeController {

    private final ChargeService charges;

    ChargeController(ChargeService charges) {
        this.charges = charges;
    }

    /**
     * 201 for a new capture, 200 with {@code Idempotent-Replayed: true} for a replay. A slow answer is delayed
     * asynchronously: the capture is committed and no request thread or connection waits with it.
     */
    @PostMapping
    CompletableFuture<ResponseEntity<Charge>> create(
            @RequestHeader(name = IdempotencyKeyHeader.NAME, required = false) String key,
            @RequestBody ChargeRequest request) {
        ChargeOutcome outcome = charges.charge(key, request);
        if (outcome.charge().declined()) {
            throw new CardDeclined(outcome.charge(), outcome.replayed());
        }
        ResponseEntity<Charge> answer = outcome.replayed()
                ? ResponseEntity.ok().header(IdempotencyKeyHeader.REPLAYED, "true").body(outcome.charge())
                : ResponseEntity.status(HttpStatus.CREATED).body(outcome.charge());
        if (outcome.answerAfter().isZero()) {
            return CompletableFuture.completedFuture(answer);
        }
        Executor later = CompletableFuture.delayedExecutor(outcome.answerAfter().toMillis(), TimeUnit.MILLISECONDS);
        return CompletableFuture.supplyAsync(() -> answer, later);
    }

    @GetMapping("/{id}")
    Charge charge(@PathVariable String id) {
        return charges.charge(id);
    }

    /**
     * With {@code idempotency_key}: the charge that key made, captured or declined (zero or one). Otherwise: captures
     * created in {@code [created_gte, created_lte]}, in creation order, {@code limit} per page (default 10, at most
     * 100), after the charge {@code starting_after}.
     */
    @GetMapping
    ChargeList list(@RequestParam(name = "idempotency_key", required = false) String key,
                    @RequestParam(name = "created_gte", required = false) Instant from,
                    @RequestParam(name = "created_lte", required = false) Instant to,
                    @RequestParam(name = "starting_after", required = false) String startingAfter,
                    @RequestParam(defaultValue = "10") int limit) {
        if (key != null) {
            return new ChargeList(charges.chargesWithKey(key), false);
        }
        return charges.captures(from, to, startingAfter, limit);
    }
}
