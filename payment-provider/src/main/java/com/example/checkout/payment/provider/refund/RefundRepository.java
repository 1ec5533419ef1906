package com.example.checkout.payment.provider.refund;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code refunds} table, and the charge row a refund locks. */
@Repository
class RefundRepository {

    private final JdbcClient jdbc;

    RefundRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** What a refund needs of its charge. */
    record Refundable(String id, long amount, String currency, boolean captured) {
    }

    /**
     * The charge, locked until the transaction ends: refunds of one charge run one after the other, so the second
     * finds the first's row (the unique index on {@code charge_id} backs this up).
     */
    Optional<Refundable> lockCharge(String chargeId) {
        return jdbc.sql("SELECT id, amount, currency, status FROM charges WHERE id = ? FOR UPDATE").param(chargeId)
                .query((row, number) -> new Refundable(row.getString("id"), row.getLong("amount"),
                        row.getString("currency"), "succeeded".equals(row.getString("status"))))
                .optional();
    }

    Optional<Refund> findByKey(String key) {
        return jdbc.sql("SELECT * FROM refunds WHERE idempotency_key = ?").param(key).query(RefundRepository::refund)
                .optional();
    }

    Optional<Refund> findByCharge(String chargeId) {
        return jdbc.sql("SELECT * FROM refunds WHERE charge_id = ?").param(chargeId).query(RefundRepository::refund)
                .optional();
    }

    /** @return the new refund, or empty if the key was taken meanwhile (by a refund of another charge) */
    Optional<Refund> insertIfAbsent(String id, String key, Refundable charge) {
        return jdbc.sql("""
                        INSERT INTO refunds (id, charge_id, idempotency_key, amount, currency, status, created)
                        VALUES (:id, :charge, :key, :amount, :currency, 'succeeded', clock_timestamp())
                        ON CONFLICT DO NOTHING
                        RETURNING *
                        """)
                .param("id", id).param("charge", charge.id()).param("key", key).param("amount", charge.amount())
                .param("currency", charge.currency())
                .query(RefundRepository::refund).optional();
    }

    private static Refund refund(ResultSet row, int number) throws SQLException {
        return new Refund(row.getString("id"), "refund", row.getString("charge_id"), row.getLong("amount"),
                row.getString("currency"), row.getString("status"), row.getString("idempotency_key"),
                row.getObject("created", OffsetDateTime.class).toInstant());
    }
}
