package com.example.checkout.relay.leadership;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Leader election for relay instances: a session-level Postgres advisory lock on the source database, held on a
 * dedicated connection for as long as the instance streams. A replication slot accepts one reader anyway; the
 * lock makes the other instances wait quietly as hot standbys instead of failing against an active slot, and it
 * is released by Postgres itself when the leader's session ends.
 *
 * <p>A session whose peer vanished without closing it (host died, network cut, no FIN) would live until TCP gives
 * up, which is hours by default. So the lock is a lease: the session runs with {@code idle_session_timeout} set
 * to the lease, and a thread of the lock's own renews it every third of the lease, from the moment the lock is
 * taken until it is given up (every {@link #isHeld()} check renews it too: a round trip ends the idle period).
 * Its own thread, because what the holder does right after taking the lock (the relay's preflight, building and
 * starting the Debezium engine) can take longer than the lease on a loaded machine: renewed only by the holder's
 * checks, the session was ended under a relay that was still starting, once per source after a restart in
 * compose. A leader that cannot reach the database loses the session after the lease at the latest, and Postgres
 * frees the lock; the leader itself finds out at its next check, which comes well before the lease runs out.
 *
 * <p>Thread-safe: the relay's control thread takes it, the engine's thread gives it up when the engine stops, the
 * renewal thread renews it.
 */
public final class LeaderLock implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LeaderLock.class);
    private static final int VALIDATION_TIMEOUT_SECONDS = 2;

    private final String jdbcUrl;
    private final String username;
    private final String password;
    private final long lockId;
    private final Duration lease;
    private Connection connection;
    private boolean held;
    /** Renews the lease while the lock is held; started when it is taken, shut down when it is given up. */
    private ScheduledExecutorService renewal;

    /**
     * @param lease how long Postgres keeps the lock session once it hears nothing from this instance (Postgres
     *         14+'s {@code idle_session_timeout}); checks must come more often than that
     */
    public LeaderLock(String jdbcUrl, String username, String password, long lockId, Duration lease) {
        this.jdbcUrl = jdbcUrl;
        this.username = username;
        this.password = password;
        this.lockId = lockId;
        this.lease = lease;
    }

    /**
     * Takes the lock if no other session holds it; never blocks.
     *
     * @return whether this instance holds the lock now; false means another instance leads
     * @throws Unreachable when the database cannot be asked: nobody can tell who leads
     */
    public synchronized boolean tryAcquire() {
        if (isHeld()) {
            return true;
        }
        try {
            if (connection == null || !connection.isValid(VALIDATION_TIMEOUT_SECONDS)) {
                closeConnection();
                // Not from the application's pool: the lock lives exactly as long as this one session.
                connection = DriverManager.getConnection(jdbcUrl, connectionProperties());
                connection.setAutoCommit(true);
                try (Statement session = connection.createStatement()) {
                    session.execute("SET idle_session_timeout = " + lease.toMillis());
                }
            }
            try (PreparedStatement lock = connection.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
                lock.setLong(1, lockId);
                try (ResultSet result = lock.executeQuery()) {
                    result.next();
                    held = result.getBoolean(1);
                }
            }
            if (held) {
                startRenewing();
            }
            return held;
        } catch (SQLException e) {
            closeConnection();
            throw new Unreachable(jdbcUrl, e);
        }
    }

    /** Whether this instance still holds the lock: false once its session is gone, whoever holds it now. */
    public synchronized boolean isHeld() {
        try {
            return held && connection != null && connection.isValid(VALIDATION_TIMEOUT_SECONDS);
        } catch (SQLException e) {
            return false;
        }
    }

    /**
     * Gives the lock up: unlocks explicitly (the server ends a closed session asynchronously, so a standby would
     * otherwise wait for the old backend to exit), then ends the session, which releases it in any case.
     */
    public synchronized void release() {
        if (held && connection != null) {
            try (PreparedStatement unlock = connection.prepareStatement("SELECT pg_advisory_unlock(?)")) {
                unlock.setLong(1, lockId);
                unlock.execute();
            } catch (SQLException e) {
                log.debug("Unlocking failed; ending the session releases the lock anyway", e);
            }
        }
        closeConnection();
    }

    @Override
    public void close() {
        release();
    }

    private Properties connectionProperties() {
        Properties properties = new Properties();
        properties.setProperty("user", username);
        properties.setProperty("password", password);
        properties.setProperty("ApplicationName", "outbox-relay leader lock");
        // A statement on a connection whose peer vanished must fail, not hang the relay's control thread.
        long timeoutSeconds = Math.max(1, lease.toSeconds());
        properties.setProperty("connectTimeout", Long.toString(timeoutSeconds));
        properties.setProperty("socketTimeout", Long.toString(timeoutSeconds));
        properties.setProperty("tcpKeepAlive", "true");
        return properties;
    }

    private void startRenewing() {
        if (renewal != null) {
            return;
        }
        // A third of the lease: a renewal that hangs for the whole validation timeout still leaves the next one
        // time to arrive before Postgres ends the session.
        long every = Math.max(100, lease.toMillis() / 3);
        renewal = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("leader-lock-" + lockId + "-renewal").factory());
        renewal.scheduleWithFixedDelay(this::isHeld, every, every, TimeUnit.MILLISECONDS);
    }

    private void closeConnection() {
        if (renewal != null) {
            // Not awaited: a renewal waiting for this monitor finds the lock given up and returns at once.
            renewal.shutdownNow();
            renewal = null;
        }
        held = false;
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                log.debug("Closing the leader lock connection failed; the server ends the session anyway", e);
            }
            connection = null;
        }
    }

    /** The source database did not answer the lock request. */
    public static final class Unreachable extends RuntimeException {

        Unreachable(String jdbcUrl, SQLException cause) {
            super("cannot reach " + jdbcUrl + " to take the relay leader lock: " + cause.getMessage(), cause);
        }
    }
}
