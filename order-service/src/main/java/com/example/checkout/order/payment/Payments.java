package com.example.checkout.order.payment;

import java.util.UUID;

import com.example.checkout.order.payment.PaymentGateway.Charge;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code payments} table: which charge paid which order. */
@Repository
public class Payments {

    private final JdbcClient database;

    Payments(JdbcClient database) {
        this.database = database;
    }

    public void recordCaptured(UUID orderId, String idempotencyKey, Charge charge) {
        database.sql("""
                        INSERT INTO payments (id, order_id, idempotency_key, gateway_reference, amount_cents, currency, status)
                        VALUES (:id, :orderId, :key, :reference, :amount, :currency, 'CAPTURED')""")
                .param("id", UUID.randomUUID())
                .param("orderId", orderId)
                .param("key", idempotencyKey)
                .param("reference", charge.reference())
                .param("amount", charge.amountCents())
                .param("currency", charge.currency())
                .update();
    }
}
