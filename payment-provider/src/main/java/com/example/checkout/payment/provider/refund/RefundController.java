package com.example.checkout.payment.provider.refund;

import com.example.checkout.payment.provider.web.IdempotencyKeyHeader;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

@RestController
class RefundController {

    private final RefundService refunds;

    RefundController(RefundService refunds) {
        this.refunds = refunds;
    }

    /** 201 for a new refund; 200 for the charge's existing one ({@code Idempotent-Replayed} if made with this key). */
    @PostMapping("/v1/refunds")
    ResponseEntity<Refund> refund(@RequestHeader(name = IdempotencyKeyHeader.NAME, required = false) String key,
                                  @RequestBody RefundRequest request) {
        RefundOutcome outcome = refunds.refund(key, request);
        if (outcome.created()) {
            return ResponseEntity.status(HttpStatus.CREATED).body(outcome.refund());
        }
        ResponseEntity.BodyBuilder existing = ResponseEntity.ok();
        if (outcome.replayed()) {
            existing.header(IdempotencyKeyHeader.REPLAYED, "true");
        }
        return existing.body(outcome.refund());
    }
}
