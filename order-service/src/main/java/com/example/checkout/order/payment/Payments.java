package com.example.checkout.order.payment;

import java.util.Optional;
import java.util.UUID;

import com.example.checkout.order.payment.PaymentGateway.Charge;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** The {@code payments} table: the charge each placed order was paid with. */
@Service
public class Payments {

    private final JdbcClient database;

    Payments(JdbcClient database) {
        this.database = database;
    }

    /**
     * Records the charge that paid for an order, in the order's transaction.
     *
     * @param providerKey the key the provider was charged with (unique: one charge is never recorded twice)
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void record(UUID orderId, String providerKey, Charge charge) {
        database.sql("""
                        INSERT INTO payments (id, order_id, idempotency_key, gateway_reference, amount_cents, currency, status)
                        VALUES (:id, :orderId, :key, :reference, :amount, :currency, 'CAPTURED')""")
                .param("id", UUID.randomUUID())
                .param("orderId", orderId)
                .param("key", providerKey)
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
                        row.getString("currency"), false))
                .optional();
    }

    /** Whether an order was paid with this provider charge. */
    public boolean paysAnOrder(String chargeReference) {
        return database.sql("SELECT count(*) FROM payments WHERE gateway_reference = ?").param(chargeReference)
                .query(Long.class).single() > 0;
    }
}
