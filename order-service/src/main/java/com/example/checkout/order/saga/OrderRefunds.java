package com.example.checkout.order.saga;

import java.util.UUID;

import com.example.checkout.consumer.NonRetryableEventException;
import com.example.checkout.order.payment.PaymentGateway;
import com.example.checkout.order.payment.PaymentGateway.Charge;
import com.example.checkout.order.payment.PaymentGateway.Refund;
import com.example.checkout.order.payment.PaymentGateway.RefundRequest;
import com.example.checkout.order.payment.Payments;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Refunds a cancelled order's charge the way the charge was made: claim, call, record.
 * <ol>
 *   <li>claim: a {@code REQUESTED} row with the refund's idempotency key, committed on its own before the call, so a
 *       refund whose answer is lost (timeout, crash) is on record and is retried, never forgotten;</li>
 *   <li>call: the provider, with the key derived from the order — any number of calls make one refund;</li>
 *   <li>record: {@code REFUNDED} with the provider's reference, in the caller's transaction, which also cancels the
 *       order and writes its {@code OrderCancelled}: all or nothing.</li>
 * </ol>
 * A failed call throws; the event is retried on the group's retry topics and ends on its DLT, whose replay calls
 * again with the same key.
 */
@Component
class OrderRefunds {

    private final PaymentGateway gateway;
    private final Payments payments;
    private final JdbcClient database;
    private final TransactionTemplate claimOnItsOwn;

    OrderRefunds(PaymentGateway gateway, Payments payments, JdbcClient database,
                 PlatformTransactionManager transactions) {
        this.gateway = gateway;
        this.payments = payments;
        this.database = database;
        this.claimOnItsOwn = new TransactionTemplate(transactions);
        this.claimOnItsOwn.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** The provider's idempotency key for an order's refund: one order, at most one refund. */
    static String idempotencyKey(UUID orderId) {
        return "refund-order-" + orderId;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    Refund refund(UUID orderId) {
        Charge charge = payments.chargeOf(orderId)
                .orElseThrow(() -> new NonRetryableEventException("order " + orderId + " has no charge to refund"));
        String key = idempotencyKey(orderId);
        claimOnItsOwn.executeWithoutResult(status -> database.sql("""
                        INSERT INTO refunds (order_id, idempotency_key, charge_reference, amount_cents, currency, status)
                        VALUES (?, ?, ?, ?, ?, 'REQUESTED') ON CONFLICT DO NOTHING""")
                .params(orderId, key, charge.reference(), charge.amountCents(), charge.currency())
                .update());
        Refund refund = gateway.refund(new RefundRequest(key, charge));
        database.sql("UPDATE refunds SET status = 'REFUNDED', provider_reference = ?, refunded_at = now() WHERE order_id = ?")
                .params(refund.reference(), orderId)
                .update();
        return refund;
    }
}
