package com.example.checkout.order.idempotency;

/**
 * An earlier request with this Idempotency-Key was given up and its payment refunded (its order could not be
 * written, or it was never finished and the reconciler refunded the capture): the key cannot place an order any more.
 */
public class CheckoutAbandonedException extends RuntimeException {

    public CheckoutAbandonedException() {
        super("the checkout with this Idempotency-Key was abandoned and refunded");
    }
}
