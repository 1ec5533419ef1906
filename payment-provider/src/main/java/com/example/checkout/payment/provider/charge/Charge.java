package com.example.checkout.payment.provider.charge;

import java.time.Instant;
import java.util.Map;

/**
 * A charge as the API shows it (snake_case on the wire). {@code status} is {@code succeeded} (captured) or
 * {@code failed} (declined, {@code failure_code} says why); {@code refunded} once its one refund exists.
 */
public record Charge(String id, String object, long amount, String currency, String status, boolean captured,
                     boolean refunded, String idempotencyKey, String description, String failureCode,
                     Map<String, String> metadata, Instant created) {

    static final String SUCCEEDED = "succeeded";
    static final String FAILED = "failed";

    boolean declined() {
        return FAILED.equals(status);
    }
}
