package com.example.checkout.relay.streaming;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.Properties;

import org.postgresql.PGProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Looks at the source's replication slot: refuses to stream when it is missing or has lost WAL, and reports how
 * much WAL it retains for the metrics and health.
 *
 * <p>Debezium would create a missing slot, but a slot created now starts at the current WAL position: every outbox
 * row committed before would be silently skipped. A slot Postgres invalidated ({@code wal_status = lost}, beyond
 * {@code max_slot_wal_keep_size}) has already lost changes. Either needs an operator: the recovery is in the
 * exception's message and the relay's README ("slot lost").
 */
final class ReplicationSlotCheck implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(ReplicationSlotCheck.class);

    private final RelaySource source;

    ReplicationSlotCheck(RelaySource source) {
        this.source = source;
    }

    @Override
    public void run() {
        SlotStatus slot = status().orElseThrow(() -> new MissingSlot(source));
        if (slot.isLost()) {
            throw new LostSlot(source);
        }
    }

    /** The slot as Postgres sees it now; empty when it does not exist (or belongs to another database or plugin). */
    Optional<SlotStatus> status() {
        SourceDatabase database = source.database();
        try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.username(),
                database.password());
                PreparedStatement query = connection.prepareStatement("""
                        SELECT wal_status, active,
                               pg_wal_lsn_diff(pg_current_wal_lsn(), restart_lsn)::bigint,
                               pg_wal_lsn_diff(pg_current_wal_lsn(), confirmed_flush_lsn)::bigint
                        FROM pg_replication_slots
                        WHERE slot_name = ? AND database = current_database() AND plugin = 'pgoutput'""")) {
            query.setString(1, source.slotName());
            try (ResultSet slot = query.executeQuery()) {
                if (!slot.next()) {
                    return Optional.empty();
                }
                return Optional.of(new SlotStatus(slot.getString(1), slot.getBoolean(2), slot.getLong(3),
                        slot.getLong(4)));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot check replication slot " + source.slotName() + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * Marks the slot as a failover slot if it is not one yet (Postgres 17+; older servers have no failover slots,
     * which is logged, not fatal). Only a replication connection can alter a slot, and only while nobody streams
     * from it: this runs after the leader lock is taken and before the engine starts.
     */
    void makeFailoverSlot() {
        SourceDatabase database = source.database();
        try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.username(),
                database.password());
                PreparedStatement query = connection.prepareStatement("""
                        SELECT current_setting('server_version_num')::int >= 170000,
                               (SELECT failover FROM pg_replication_slots WHERE slot_name = ?)""")) {
            query.setString(1, source.slotName());
            try (ResultSet result = query.executeQuery()) {
                result.next();
                if (!result.getBoolean(1)) {
                    log.warn("Source {}: Postgres before 17 has no failover slots; slot {} stays on the primary only",
                            source.name(), source.slotName());
                    return;
                }
                if (result.getBoolean(2)) {
                    return;
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read replication slot " + source.slotName() + ": "
                    + e.getMessage(), e);
        }
        Properties replication = new Properties();
        PGProperty.USER.set(replication, database.username());
        PGProperty.PASSWORD.set(replication, database.password());
        PGProperty.REPLICATION.set(replication, "database");
        // Replication commands are not SQL: they go through the simple query protocol only.
        PGProperty.PREFER_QUERY_MODE.set(replication, "simple");
        PGProperty.ASSUME_MIN_SERVER_VERSION.set(replication, "17");
        try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), replication);
                Statement alter = connection.createStatement()) {
            alter.execute("ALTER_REPLICATION_SLOT \"" + source.slotName().replace("\"", "\"\"") + "\" (FAILOVER true)");
            log.info("Source {}: slot {} is now a failover slot", source.name(), source.slotName());
        } catch (SQLException e) {
            throw new IllegalStateException("cannot make replication slot " + source.slotName()
                    + " a failover slot: " + e.getMessage(), e);
        }
    }

    /**
     * @param walStatus {@code reserved}, {@code extended}, {@code unreserved} (beyond max_slot_wal_keep_size, about
     *         to be lost) or {@code lost}
     * @param retainedWalBytes WAL the server keeps for this slot (current position minus its restart position)
     * @param confirmedFlushLagBytes WAL written since the position the relay last confirmed
     */
    record SlotStatus(String walStatus, boolean active, long retainedWalBytes, long confirmedFlushLagBytes) {

        boolean isLost() {
            return "lost".equals(walStatus);
        }
    }

    private static String recovery(RelaySource source) {
        return "Recovery (relay README, \"slot lost\"): stop every relay instance of source " + source.name()
                + "; SELECT pg_drop_replication_slot('" + source.slotName() + "') if it exists; SELECT "
                + "pg_create_logical_replication_slot('" + source.slotName() + "', 'pgoutput'); start the relay; "
                + "then java -jar outbox-relay-<version>-exec.jar --source=" + source.name()
                + " --republish-since=<last event known to be streamed>";
    }

    /** The slot the relay streams from does not exist (or belongs to another database or plugin). */
    static final class MissingSlot extends RuntimeException {

        MissingSlot(RelaySource source) {
            super("replication slot '" + source.slotName() + "' (pgoutput) does not exist on database '"
                    + source.database().database() + "'; the owning service's migrations create it before the first "
                    + "outbox row. The relay does not create it: a slot created now would skip every outbox row "
                    + "committed before. " + recovery(source));
        }
    }

    /** Postgres invalidated the slot: it removed WAL the relay had not read, so changes are gone from the stream. */
    static final class LostSlot extends RuntimeException {

        LostSlot(RelaySource source) {
            super("replication slot '" + source.slotName() + "' on database '" + source.database().database()
                    + "' was invalidated (wal_status = lost: it retained more than max_slot_wal_keep_size); outbox "
                    + "rows written since the relay last confirmed are not in the stream. " + recovery(source));
        }
    }
}
