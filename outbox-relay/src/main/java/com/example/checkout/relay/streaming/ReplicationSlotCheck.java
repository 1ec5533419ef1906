package com.example.checkout.relay.streaming;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Refuses to stream when the replication slot is missing. Debezium would create it, but a slot created now starts
 * at the current WAL position: every outbox row committed before would be silently skipped (docs/architecture.md, "The
 * data-loss trap"). The slot belongs to order-service's migrations; a missing one needs an operator's look.
 */
final class ReplicationSlotCheck implements Runnable {

    private final SourceDatabase database;
    private final String slotName;

    ReplicationSlotCheck(SourceDatabase database, String slotName) {
        this.database = database;
        this.slotName = slotName;
    }

    @Override
    public void run() {
        try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.username(),
                database.password());
                PreparedStatement query = connection.prepareStatement("""
                        SELECT 1 FROM pg_replication_slots
                        WHERE slot_name = ? AND database = current_database() AND plugin = 'pgoutput'""")) {
            query.setString(1, slotName);
            try (ResultSet slot = query.executeQuery()) {
                if (!slot.next()) {
                    throw new MissingSlot(slotName, database.database());
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot check replication slot " + slotName + ": " + e.getMessage(), e);
        }
    }

    /** The slot the relay streams from does not exist (or belongs to another database or plugin). */
    static final class MissingSlot extends RuntimeException {

        MissingSlot(String slotName, String database) {
            super("replication slot '" + slotName + "' (pgoutput) does not exist on database '" + database
                    + "'; order-service's migrations create it before the first order. The relay does not create "
                    + "it: a slot created now would skip every outbox row committed before");
        }
    }
}
