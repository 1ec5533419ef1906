package com.example.checkout.order.idempotency;

/** The Idempotency-Key was already used with a different request body. */
public class IdempotencyKeyReusedException extends RuntimeException {

    IdempotencyKeyReusedException() {
        super("the Idempotency-Key was already used with a different request");
    }
}
