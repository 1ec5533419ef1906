package com.example.checkout.order.idempotency;

import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.example.checkout.retention.BatchedDelete;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The {@code idempotency_keys} table. A key is claimed by inserting it in the transaction of the use case; the
 * primary key makes a concurrent second insert wait for that transaction: if it commits, the second request sees
 * the stored response; if it rolls back (the request was rejected), the second request takes the key over. So
 * there is no check-then-insert race, and only successful responses are remembered.
 */
@Repository
public class IdempotencyKeys {

    private static final Logger log = LoggerFactory.getLogger(IdempotencyKeys.class);

    private static final String LOCK_NOT_AVAILABLE = "55P03";
    /** Keys deleted per statement: a day's keys after an outage of the purge job never make one long transaction. */
    private static final int PURGE_BATCH = 1000;
    private static final BatchedDelete EXPIRED = new BatchedDelete("idempotency_keys", "customer_id, idempotency_key",
            "expires_at <= :now", "expires_at");

    private final JdbcClient database;
    private final IdempotencyProperties properties;

    IdempotencyKeys(JdbcClient database, IdempotencyProperties properties) {
        this.database = database;
        this.properties = properties;
    }

    /**
     * Claims {@code key} for this request, or returns the response of the request that claimed it before.
     *
     * @param requestHash a fingerprint of the request body; the key may only be reused with the same body
     * @return empty when the key is now this request's (call {@link #complete} in the same transaction), the
     * original response otherwise
     * @throws IdempotencyKeyReusedException when the key was used with another body
     * @throws RequestInFlightException      when another request with this key is still running
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Optional<String> claim(String customerId, String key, String requestHash) {
        // Waits on a concurrent holder of the key at most this long (local: reset when the transaction ends).
        database.sql("SELECT set_config('lock_timeout', :timeout, true)")
                .param("timeout", properties.inFlightWait().toMillis() + "ms")
                .query(String.class).single();
        boolean claimed;
        try {
            // An expired key counts as unused: the upsert takes it over, the purge job deletes it later anyway.
            claimed = database.sql("""
                            INSERT INTO idempotency_keys (customer_id, idempotency_key, request_hash, expires_at)
                            VALUES (:customer, :key, :hash, now() + :retentionSeconds * interval '1 second')
                            ON CONFLICT (customer_id, idempotency_key) DO UPDATE
                              SET request_hash = excluded.request_hash, order_id = NULL, response = NULL,
                                  created_at = now(), expires_at = excluded.expires_at
                              WHERE idempotency_keys.expires_at <= now()""")
                    .param("customer", customerId)
                    .param("key", key)
                    .param("hash", requestHash)
                    .param("retentionSeconds", properties.retention().toSeconds())
                    .update() == 1;
        } catch (DataAccessException e) {
            if (isLockTimeout(e)) {
                throw new RequestInFlightException();
            }
            throw e;
        }
        if (claimed) {
            return Optional.empty();
        }
        StoredKey stored = database.sql("""
                        SELECT request_hash, response FROM idempotency_keys
                        WHERE customer_id = :customer AND idempotency_key = :key""")
                .param("customer", customerId)
                .param("key", key)
                .query(StoredKey.class)
                .single();
        if (!stored.requestHash().equals(requestHash)) {
            throw new IdempotencyKeyReusedException();
        }
        return Optional.of(stored.response());
    }

    /** Stores the response of the request that claimed {@code key}. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void complete(String customerId, String key, UUID orderId, String response) {
        database.sql("""
                        UPDATE idempotency_keys SET order_id = :orderId, response = :response
                        WHERE customer_id = :customer AND idempotency_key = :key""")
                .param("orderId", orderId)
                .param("response", response)
                .param("customer", customerId)
                .param("key", key)
                .update();
    }

    /** Deletes the keys whose retention has passed by {@code now}, in batches; returns how many. */
    public long purgeExpired(Instant now) {
        long purged = EXPIRED.run(database, Map.of("now", Timestamp.from(now)), PURGE_BATCH).rows();
        if (purged > 0) {
            log.info("Purged {} expired idempotency keys", purged);
        }
        return purged;
    }

    /** Postgres' lock_not_available: Spring's translator leaves it uncategorized, so the SQL state is the signal. */
    private static boolean isLockTimeout(DataAccessException e) {
        return e.getMostSpecificCause() instanceof SQLException sql && LOCK_NOT_AVAILABLE.equals(sql.getSQLState());
    }

    private record StoredKey(String requestHash, String response) {
    }
}
