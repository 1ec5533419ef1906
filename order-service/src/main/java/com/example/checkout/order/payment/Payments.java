package com.example.checkout.order.payment;

import java.util.Optional;
import java.util.UUID;

import com.example.checkout.order.payment.PaymentGateway.Charge;
import com.example.checkout.order.payment.PaymentGateway.ChargeRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/** Charges orders through the {@link PaymentGateway} and records each charge in the {@code payments} table. */
@Service
public class Payments {

    private static final Logger log = LoggerFactory.getLogger(Payments.class);

    private final PaymentGateway gateway;
    private final JdbcClient database;

    Payments(PaymentGateway gateway, JdbcClient database) {
        this.gateway = gateway;
        this.database = database;
    }

    /**
     * Captures the order's amount, keyed by the order id so that charging this order again never captures twice.
     * Money must not stay taken for an order that was never written: if the surrounding transaction rolls back
     * (a later insert fails, the commit fails), the capture is cancelled.
     *
     * @throws PaymentDeclinedException when the provider refuses the payment
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Charge charge(UUID orderId, String paymentToken, long amountCents, String currency) {
        Charge charge = gateway.charge(new ChargeRequest(idempotencyKey(orderId), paymentToken, amountCents,
                currency));
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
                if (status == STATUS_ROLLED_BACK) {
                    gateway.cancel(charge);
                } else if (status == STATUS_UNKNOWN) {
                    // The order may or may not exist: cancelling could refund a placed order. A human decides.
                    log.error("Commit outcome unknown for order {}: reconcile charge {}", orderId, charge.reference());
                }
            }
        });
        return charge;
    }

    /** Records a charge of {@link #charge}, once the order it paid for is written. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void record(UUID orderId, Charge charge) {
        database.sql("""
                        INSERT INTO payments (id, order_id, idempotency_key, gateway_reference, amount_cents, currency, status)
                        VALUES (:id, :orderId, :key, :reference, :amount, :currency, 'CAPTURED')""")
                .param("id", UUID.randomUUID())
                .param("orderId", orderId)
                .param("key", idempotencyKey(orderId))
                .param("reference", charge.reference())
                .param("amount", charge.amountCents())
                .param("currency", charge.currency())
                .update();
    }

    /** The charge recorded for a placed order. */
    @Transactional(propagation = Propagation.MANDATORY)
    public Optional<Charge> chargeOf(UUID orderId) {
        return database.sql("SELECT gateway_reference, amount_cents, currency FROM payments WHERE order_id = ?")
                .param(orderId)
                .query((row, n) -> new Charge(row.getString("gateway_reference"), row.getLong("amount_cents"),
                        row.getString("currency")))
                .optional();
    }

    /** The gateway's idempotency key for an order: one order, at most one capture. */
    public static String idempotencyKey(UUID orderId) {
        return "order-" + orderId;
    }
}
