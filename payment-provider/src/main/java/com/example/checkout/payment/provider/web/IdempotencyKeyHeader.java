package com.example.checkout.payment.provider.web;

/** The {@code Idempotency-Key} header every write (charge, refund) requires. */
public final class IdempotencyKeyHeader {

    public static final String NAME = "Idempotency-Key";
    /** Set on an answer that replays what the key did before. */
    public static final String REPLAYED = "Idempotent-Replayed";
    /** Stripe's limit on a key's length. */
    static final int MAX_LENGTH = 255;

    private IdempotencyKeyHeader() {
    }

    /** {@code key}, or a 400 if it is missing, blank or too long. */
    public static String require(String key) {
        if (key == null || key.isBlank()) {
            throw ApiError.invalidRequest(null, "The " + NAME + " header is required.");
        }
        if (key.length() > MAX_LENGTH) {
            throw ApiError.invalidRequest(null, "The " + NAME + " header is longer than " + MAX_LENGTH + " characters.");
        }
        return key;
    }
}
