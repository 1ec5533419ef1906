package com.example.checkout.consumer;

/** An event that can never succeed however often it is retried (a validation failure): straight to the DLT. */
public class NonRetryableEventException extends RuntimeException {

    public NonRetryableEventException(String message) {
        super(message);
    }

    public NonRetryableEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
