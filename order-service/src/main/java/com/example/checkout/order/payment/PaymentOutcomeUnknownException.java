package com.example.checkout.order.payment;

/**
 * The charge was sent, but its answer never came (read timeout, connection lost, provider error): the money may be
 * captured. The checkout keeps its claim, so the client's retry resumes it with the same key, or the reconciler
 * refunds the capture.
 */
public class PaymentOutcomeUnknownException extends PaymentProviderUnavailableException {

    public PaymentOutcomeUnknownException(String message, Throwable cause) {
        super(message, cause);
    }
}
