package com.example.checkout.order.payment;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The port to the payment provider. Implementations must be idempotent on {@link ChargeRequest#idempotencyKey()}:
 * charging the same key twice returns the first charge and moves no money again, which is what makes a retried or
 * resumed checkout safe.
 */
public interface PaymentGateway {

    /**
     * Captures the amount.
     *
     * @throws PaymentDeclinedException            when the provider refuses the payment (nothing captured)
     * @throws PaymentProviderUnavailableException when the provider could not take the charge (nothing captured)
     * @throws PaymentOutcomeUnknownException      when the request may have reached the provider but no answer came
     *                                             (a capture may exist)
     */
    Charge charge(ChargeRequest request);

    /**
     * Gives a captured charge back in full. Idempotent on {@link RefundRequest#idempotencyKey()}, and a charge is
     * refunded at most once whatever the key: refunding again returns the first refund and moves no money.
     *
     * @throws PaymentProviderUnavailableException when the provider could not be asked or gave no answer
     */
    Refund refund(RefundRequest request);

    /**
     * The captures created in {@code [from, to]}, in creation order, one page of at most {@code limit} after
     * {@code startingAfter}: what a reconciliation reads.
     */
    CapturePage captures(Instant from, Instant to, Optional<String> startingAfter, int limit);

    /** What to refund, and the key that makes a repeated request the same refund. */
    record RefundRequest(String idempotencyKey, Charge charge) {
    }

    /** A refund; {@code reference} is the provider's id for it. */
    record Refund(String reference, long amountCents, String currency) {
    }

    /** What to charge, and the key that makes a repeated request the same charge. */
    record ChargeRequest(String idempotencyKey, String paymentToken, long amountCents, String currency,
                         String customerId) {
    }

    /**
     * A captured charge; {@code reference} is the provider's id for it, {@code refunded} whether it was given back
     * since (a replayed charge can be).
     */
    record Charge(String reference, long amountCents, String currency, boolean refunded) {
    }

    /** A capture as the provider lists it: with the key it was made with. */
    record Capture(Charge charge, String idempotencyKey, Instant created) {
    }

    /** One page of {@link #captures}. */
    record CapturePage(List<Capture> captures, boolean hasMore) {
    }
}
