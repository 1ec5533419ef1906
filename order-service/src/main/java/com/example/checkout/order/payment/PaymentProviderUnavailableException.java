package com.example.checkout.order.payment;

/** The payment provider could not be reached or refused to work (503); it stored nothing. Retrying later is safe. */
public class PaymentProviderUnavailableException extends RuntimeException {

    public PaymentProviderUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
