package com.example.checkout.order.idempotency;

/** Another request with the same Idempotency-Key is still being processed; retrying later gets its response. */
public class RequestInFlightException extends RuntimeException {

    public RequestInFlightException() {
        super("a request with this Idempotency-Key is still being processed");
    }
}
