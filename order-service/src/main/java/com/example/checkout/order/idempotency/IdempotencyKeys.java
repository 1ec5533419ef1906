package com.example.checkout.order.idempotency;

import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
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
 * The {@code idempotency_keys} table: each checkout attempt (under the client's Idempotency-Key, or an internal key
 * when it sent none), through the states of the package documentation. Every method but {@link #finish} is a short transaction of its own; none is open while the
 * payment provider is called.
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
     * Claims {@code key} for this request (committed when this returns), takes over a claim whose holder went
     * silent for {@code takeoverAfter}, or returns the response of the request that finished it.
     *
     * @param requestHash a fingerprint of the request body; the key may only be reused with the same body
     * @param providerKey the key to charge the provider with for this request, if the key is new
     * @throws IdempotencyKeyReusedException when the key was used with another body
     * @throws RequestInFlightException      when another attempt holds the key and is still working on it
     * @throws CheckoutAbandonedException    when an earlier attempt with the key was given up and refunded
     */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public Claim claim(String customerId, String key, String requestHash, String providerKey, Duration takeoverAfter) {
        // Waits on a concurrent claimer's insert at most this long (local: reset when the transaction ends).
        database.sql("SELECT set_config('lock_timeout', :timeout, true)")
                .param("timeout", properties.inFlightWait().toMillis() + "ms")
                .query(String.class).single();
        UUID attempt = UUID.randomUUID();
        try {
            // An expired key counts as unused: the upsert takes it over, the purge job deletes it later anyway.
            // A key reused after its expiry is a new checkout: its provider key gets the claim's time, or the
            // provider would replay the old charge.
            Optional<String> claimed = database.sql("""
                            INSERT INTO idempotency_keys (customer_id, idempotency_key, request_hash, expires_at,
                                                          recovery_point, provider_key, attempt_id, locked_at)
                            VALUES (:customer, :key, :hash, now() + :retentionSeconds * interval '1 second',
                                    'CLAIMED', :providerKey, :attempt, now())
                            ON CONFLICT (customer_id, idempotency_key) DO UPDATE
                              SET request_hash = excluded.request_hash, order_id = NULL, response = NULL,
                                  created_at = now(), expires_at = excluded.expires_at, recovery_point = 'CLAIMED',
                                  provider_key = excluded.provider_key || '-' || to_char(now(), 'YYYYMMDDHH24MISSUS'),
                                  attempt_id = excluded.attempt_id, locked_at = now(), charge_reference = NULL
                              WHERE idempotency_keys.expires_at <= now()
                            RETURNING provider_key""")
                    .param("customer", customerId)
                    .param("key", key)
                    .param("hash", requestHash)
                    .param("retentionSeconds", properties.retention().toSeconds())
                    .param("providerKey", providerKey)
                    .param("attempt", attempt)
                    .query(String.class)
                    .optional();
            if (claimed.isPresent()) {
                return new Claim.Attempt(attempt, false, claimed.get());
            }
            StoredKey stored = database.sql("""
                            SELECT request_hash, response, recovery_point, provider_key,
                                   locked_at < now() - :takeoverSeconds * interval '1 second' AS stale
                            FROM idempotency_keys WHERE customer_id = :customer AND idempotency_key = :key
                            FOR UPDATE""")
                    .param("takeoverSeconds", takeoverAfter.toMillis() / 1000.0)
                    .param("customer", customerId)
                    .param("key", key)
                    .query(StoredKey.class)
                    .single();
            if (!stored.requestHash().equals(requestHash)) {
                throw new IdempotencyKeyReusedException();
            }
            return switch (stored.recoveryPoint()) {
                case FINISHED -> new Claim.Finished(stored.response());
                case ABANDONED -> throw new CheckoutAbandonedException();
                case CLAIMED -> {
                    if (!stored.stale()) {
                        throw new RequestInFlightException();
                    }
                    database.sql("""
                                    UPDATE idempotency_keys SET attempt_id = :attempt, locked_at = now()
                                    WHERE customer_id = :customer AND idempotency_key = :key""")
                            .param("attempt", attempt).param("customer", customerId).param("key", key)
                            .update();
                    log.info("Taking over the unfinished checkout of customer {} with key {}", customerId, key);
                    yield new Claim.Attempt(attempt, true, stored.providerKey());
                }
            };
        } catch (DataAccessException e) {
            if (isLockTimeout(e)) {
                throw new RequestInFlightException();
            }
            throw e;
        }
    }

    /**
     * Claims a checkout sent without an Idempotency-Key (committed when this returns) under {@code internalKey}, a
     * fresh key no client can send: one insert that never conflicts, so no lock wait and nothing to replay. The row
     * is what tells the reconciler that a capture with {@code providerKey} is this deployment's.
     */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public Claim.Attempt claimWithoutClientKey(String customerId, String internalKey, String requestHash,
                                               String providerKey) {
        UUID attempt = UUID.randomUUID();
        database.sql("""
                        INSERT INTO idempotency_keys (customer_id, idempotency_key, request_hash, expires_at,
                                                      recovery_point, provider_key, attempt_id, locked_at)
                        VALUES (:customer, :key, :hash, now() + :retentionSeconds * interval '1 second',
                                'CLAIMED', :providerKey, :attempt, now())""")
                .param("customer", customerId)
                .param("key", internalKey)
                .param("hash", requestHash)
                .param("retentionSeconds", properties.retention().toSeconds())
                .param("providerKey", providerKey)
                .param("attempt", attempt)
                .update();
        return new Claim.Attempt(attempt, false, providerKey);
    }

    /**
     * Finishes the attempt's claim with the order it placed, in the order's transaction; false if the attempt no
     * longer holds the claim (it was taken over): then the order must not be written.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean finish(String customerId, String key, UUID attempt, UUID orderId, String chargeReference,
                          String response) {
        return database.sql("""
                        UPDATE idempotency_keys SET recovery_point = 'FINISHED', order_id = :orderId,
                                                    response = :response, charge_reference = :charge
                        WHERE customer_id = :customer AND idempotency_key = :key
                          AND attempt_id = :attempt AND recovery_point = 'CLAIMED'""")
                .param("orderId", orderId)
                .param("response", response)
                .param("charge", chargeReference)
                .param("customer", customerId)
                .param("key", key)
                .param("attempt", attempt)
                .update() == 1;
    }

    /** Gives the key back: the provider stored nothing for this attempt (declined, unavailable). */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void release(String customerId, String key, UUID attempt) {
        database.sql("""
                        DELETE FROM idempotency_keys WHERE customer_id = :customer AND idempotency_key = :key
                          AND attempt_id = :attempt AND recovery_point = 'CLAIMED'""")
                .param("customer", customerId).param("key", key).param("attempt", attempt)
                .update();
    }

    /** Gives the attempt up for good: its capture is (being) refunded, so no retry may resume it. */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void abandon(String customerId, String key, UUID attempt, String chargeReference) {
        database.sql("""
                        UPDATE idempotency_keys SET recovery_point = 'ABANDONED', charge_reference = :charge
                        WHERE customer_id = :customer AND idempotency_key = :key
                          AND attempt_id = :attempt AND recovery_point = 'CLAIMED'""")
                .param("charge", chargeReference).param("customer", customerId).param("key", key)
                .param("attempt", attempt)
                .update();
    }

    /**
     * For the reconciler, about a capture without an order: abandons the checkout attempt that made it, unless one
     * is still at work on it (touched within {@code grace}) or finished it, or this database never claimed its key
     * (every checkout here claims before it charges, keyless ones under an internal key: an unclaimed key is another
     * deployment's). True if the capture may be refunded.
     */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public boolean abandonForRefund(String providerKey, String chargeReference, Duration grace) {
        Optional<StoredKey> stored = database.sql("""
                        SELECT request_hash, response, recovery_point, provider_key,
                               locked_at < now() - :graceSeconds * interval '1 second' AS stale
                        FROM idempotency_keys WHERE provider_key = :providerKey FOR UPDATE""")
                .param("graceSeconds", grace.toMillis() / 1000.0)
                .param("providerKey", providerKey)
                .query(StoredKey.class)
                .optional();
        if (stored.isEmpty()) {
            // Never claimed here: every checkout of this deployment, with or without an Idempotency-Key, commits its
            // claim before it charges, so this capture was made by another deployment on the same provider account
            // (its claim is in its own orders database) — not ours to refund.
            return false;
        }
        return switch (stored.get().recoveryPoint()) {
            case FINISHED -> false;
            case ABANDONED -> true;
            case CLAIMED -> {
                if (!stored.get().stale()) {
                    yield false;
                }
                database.sql("""
                                UPDATE idempotency_keys SET recovery_point = 'ABANDONED', charge_reference = :charge
                                WHERE provider_key = :providerKey""")
                        .param("charge", chargeReference).param("providerKey", providerKey)
                        .update();
                yield true;
            }
        };
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

    /** What {@link #claim} found. */
    public sealed interface Claim {

        /**
         * The key is this attempt's now ({@code resumed}: taken over from one that went silent); charge the provider
         * with {@code providerKey}.
         */
        record Attempt(UUID id, boolean resumed, String providerKey) implements Claim {
        }

        /** An earlier request finished with this key: its response is the answer. */
        record Finished(String response) implements Claim {
        }
    }

    enum RecoveryPoint { CLAIMED, FINISHED, ABANDONED }

    private record StoredKey(String requestHash, String response, RecoveryPoint recoveryPoint, String providerKey,
                             boolean stale) {
    }
}
