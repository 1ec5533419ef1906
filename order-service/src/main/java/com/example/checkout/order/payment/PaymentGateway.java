package com.example.checkout.order.payment;

/**
 * The port to the payment provider. Implementations must be idempotent on {@link ChargeRequest#idempotencyKey()}:
 * charging the same key twice returns the first charge and moves no money again, which is what makes a retried
 * checkout safe.
 */
public interface PaymentGateway {

    /**
     * Captures the amount.
     *
     * @throws PaymentDeclinedException when the provider refuses the payment
     */
    Charge charge(ChargeRequest request);

    /** Gives back a captured charge (a void or a full refund); cancelling a cancelled charge does nothing. */
    void cancel(Charge charge);

    /**
     * Gives a captured charge back in full, after the order was placed (its stock could not be reserved).
     * Idempotent on {@link RefundRequest#idempotencyKey()}: refunding with the same key again returns the first
     * refund and moves no money.
     */
    Refund refund(RefundRequest request);

    /** What to refund, and the key that makes a repeated request the same refund. */
    record RefundRequest(String idempotencyKey, Charge charge) {
    }

    /** A refund; {@code reference} is the provider's id for it. */
    record Refund(String reference, long amountCents, String currency) {
    }

    /** What to charge, and the key that makes a repeated request the same charge. */
    record ChargeRequest(String idempotencyKey, String paymentToken, long amountCents, String currency) {
    }

    /** A captured charge; {@code reference} is the provider's id for it. */
    record Charge(String reference, long amountCents, String currency) {
    }
}
