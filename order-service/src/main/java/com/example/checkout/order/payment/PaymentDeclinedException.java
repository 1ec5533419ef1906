package com.example.checkout.order.payment;

/** The payment provider refused the charge; nothing was captured. */
public class PaymentDeclinedException extends RuntimeException {

    public PaymentDeclinedException(String reason) {
        super(reason);
    }
}
