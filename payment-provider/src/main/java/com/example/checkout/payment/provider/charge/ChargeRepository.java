package com.example.checkout.payment.provider.charge;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The {@code charges} table; a charge's {@code refunded} is whether its refund row exists. */
@Repository
class ChargeRepository {

    private static final String SELECT = """
            SELECT c.*, EXISTS (SELECT 1 FROM refunds r WHERE r.charge_id = c.id) AS refunded
            FROM charges c
            """;
    private static final TypeReference<Map<String, String>> METADATA = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final JsonMapper json;

    ChargeRepository(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** A charge with its key and the source it was made with, as found by {@link #findByKey}. */
    record Recorded(Charge charge, String source) {
    }

    /**
     * Inserts a charge for {@code key} unless the key has one. A concurrent insert of the same key waits on the
     * unique index until the first one's transaction ends, then does nothing: the caller reads and replays it.
     *
     * @return the new charge, or empty if the key already had one
     */
    Optional<Charge> insertIfAbsent(String id, String key, ChargeRequest request, String status, String failureCode) {
        return jdbc.sql("""
                        INSERT INTO charges (id, idempotency_key, amount, currency, source, description, metadata,
                                             status, failure_code, created)
                        VALUES (:id, :key, :amount, :currency, :source, :description, CAST(:metadata AS jsonb),
                                :status, :failureCode, clock_timestamp())
                        ON CONFLICT (idempotency_key) DO NOTHING
                        RETURNING created
                        """)
                .param("id", id).param("key", key).param("amount", request.amount())
                .param("currency", request.currency()).param("source", request.source())
                .param("description", request.description()).param("metadata", json.writeValueAsString(request.metadata()))
                .param("status", status).param("failureCode", failureCode)
                .query((row, number) -> row.getObject("created", OffsetDateTime.class).toInstant()).optional()
                .map(created -> new Charge(id, "charge", request.amount(), request.currency(), status,
                        Charge.SUCCEEDED.equals(status), false, key, request.description(), failureCode,
                        request.metadata(), created));
    }

    Optional<Recorded> findByKey(String key) {
        return jdbc.sql(SELECT + "WHERE c.idempotency_key = ?").param(key)
                .query((row, number) -> new Recorded(charge(row), row.getString("source"))).optional();
    }

    Optional<Charge> findById(String id) {
        return jdbc.sql(SELECT + "WHERE c.id = ?").param(id).query((row, number) -> charge(row)).optional();
    }

    boolean exists(String id) {
        return jdbc.sql("SELECT count(*) FROM charges WHERE id = ?").param(id).query(Long.class).single() > 0;
    }

    /**
     * Captures (declines left out) created in {@code [from, to]}, in creation order, after the charge
     * {@code startingAfter} if given; at most {@code limit}.
     */
    List<Charge> captures(Instant from, Instant to, String startingAfter, int limit) {
        return jdbc.sql(SELECT + """
                        WHERE c.status = 'succeeded'
                          AND (CAST(:from AS timestamptz) IS NULL OR c.created >= :from)
                          AND (CAST(:to AS timestamptz) IS NULL OR c.created <= :to)
                          AND (CAST(:after AS text) IS NULL
                               OR (c.created, c.id) > (SELECT a.created, a.id FROM charges a WHERE a.id = :after))
                        ORDER BY c.created, c.id
                        LIMIT :limit
                        """)
                .param("from", timestamp(from)).param("to", timestamp(to)).param("after", startingAfter)
                .param("limit", limit)
                .query((row, number) -> charge(row)).list();
    }

    private static OffsetDateTime timestamp(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private Charge charge(ResultSet row) throws SQLException {
        String status = row.getString("status");
        return new Charge(row.getString("id"), "charge", row.getLong("amount"), row.getString("currency"), status,
                Charge.SUCCEEDED.equals(status), row.getBoolean("refunded"), row.getString("idempotency_key"),
                row.getString("description"), row.getString("failure_code"),
                json.readValue(row.getString("metadata"), METADATA), row.getObject("created", OffsetDateTime.class).toInstant());
    }
}
