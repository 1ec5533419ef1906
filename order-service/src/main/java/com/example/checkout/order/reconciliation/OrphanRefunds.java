package com.example.checkout.order.reconciliation;

import com.example.checkout.order.payment.PaymentGateway;
import com.example.checkout.order.payment.PaymentGateway.Charge;
import com.example.checkout.order.payment.PaymentGateway.Refund;
import com.example.checkout.order.payment.PaymentGateway.RefundRequest;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Gives back a capture that no order owns, with the key {@code "refund-orphan-" + chargeId}: however often it is
 * refunded (the checkout that failed, the reconciler, two reconcilers at once), the provider refunds it once.
 * Counts {@code checkout_payment_orphan_captures_total} and {@code checkout_payment_orphan_refunds_total}.
 */
@Component
public class OrphanRefunds {

    private static final Logger log = LoggerFactory.getLogger(OrphanRefunds.class);

    private final PaymentGateway gateway;
    private final Counter captures;
    private final Counter refunds;

    OrphanRefunds(PaymentGateway gateway, MeterRegistry meters) {
        this.gateway = gateway;
        this.captures = Counter.builder("checkout.payment.orphan.captures")
                .description("Provider captures found without an order").register(meters);
        this.refunds = Counter.builder("checkout.payment.orphan.refunds")
                .description("Captures without an order refunded").register(meters);
    }

    static String idempotencyKey(String chargeReference) {
        return "refund-orphan-" + chargeReference;
    }

    /** Refunds a capture without an order (counted as one); throws if the provider could not be asked. */
    public Refund refund(Charge charge) {
        captures.increment();
        Refund refund = gateway.refund(new RefundRequest(idempotencyKey(charge.reference()), charge));
        refunds.increment();
        log.warn("Refunded capture {} ({} {}) that has no order: refund {}", charge.reference(), charge.amountCents(),
                charge.currency(), refund.reference());
        return refund;
    }
}
