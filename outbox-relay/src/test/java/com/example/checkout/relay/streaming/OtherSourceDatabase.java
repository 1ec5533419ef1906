package com.example.checkout.relay.streaming;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;

import com.example.checkout.events.OrderPlaced;
import com.example.checkout.infrastructure.PostgresServer;
import com.example.checkout.infrastructure.SharedInfrastructure;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/**
 * A second source database on the shared Postgres, with what the relay needs of any source (the shape inventory's
 * migrations give theirs): an outbox, {@code relay_heartbeat}, {@code outbox_dead_letter}, a publication and a
 * slot of its own, created before its first row.
 */
final class OtherSourceDatabase {

    private final PostgresServer postgres;
    private final String database;
    private final JdbcClient sql;

    OtherSourceDatabase(String database) {
        this(SharedInfrastructure.get().postgres(), database);
    }

    /** On another Postgres server, for a test that changes server-wide settings. */
    OtherSourceDatabase(PostgresServer postgres, String database) {
        this.postgres = postgres;
        this.database = database;
        createIfMissing();
        this.sql = JdbcClient.create(new SimpleDriverDataSource(new org.postgresql.Driver(), postgres.jdbcUrl(database),
                postgres.username(), postgres.password()));
        sql.sql("""
                CREATE TABLE IF NOT EXISTS outbox (
                    id uuid PRIMARY KEY, aggregate_type text NOT NULL, aggregate_id text NOT NULL,
                    event_type text NOT NULL, payload jsonb NOT NULL, created_at timestamptz NOT NULL DEFAULT now(),
                    traceparent text)""").update();
        sql.sql("CREATE TABLE IF NOT EXISTS relay_heartbeat (id int PRIMARY KEY, beat_at timestamptz NOT NULL)")
                .update();
        sql.sql("""
                CREATE TABLE IF NOT EXISTS outbox_dead_letter (
                    id uuid PRIMARY KEY, aggregate_type text, aggregate_id text, event_type text, payload text,
                    created_at timestamptz, traceparent text, reason text NOT NULL,
                    parked_at timestamptz NOT NULL DEFAULT now(), replayed_at timestamptz)""").update();
        if (sql.sql("SELECT count(*) FROM pg_publication WHERE pubname = 'outbox_publication'").query(Integer.class)
                .single() == 0) {
            sql.sql("CREATE PUBLICATION outbox_publication FOR TABLE outbox, relay_heartbeat").update();
        }
        sql.sql("""
                SELECT pg_create_logical_replication_slot(?, 'pgoutput')
                WHERE NOT EXISTS (SELECT 1 FROM pg_replication_slots WHERE slot_name = ?)""")
                .params(slotName(), slotName()).query((rs, n) -> 1).list();
    }

    String database() {
        return database;
    }

    /** The database as its superuser, for a test's own looks and writes. */
    JdbcClient sql() {
        return sql;
    }

    String jdbcUrl() {
        return postgres.jdbcUrl(database);
    }

    String slotName() {
        return "outbox_relay_" + database;
    }

    /**
     * Adds it to a relay's {@code properties} as the source {@code name}, reached at {@code url} (the database's
     * own, or a proxy's in front of it).
     */
    void addAsSource(Map<String, Object> properties, String name, String url) {
        String prefix = "checkout.relay.sources." + name + ".";
        properties.put(prefix + "url", url);
        properties.put(prefix + "slot-name", slotName());
        properties.put(prefix + "topics", topic());
        // The test's own databases and tables belong to the superuser, not to a service's role.
        properties.put(prefix + "username", postgres.username());
        properties.put(prefix + "password", postgres.password());
    }

    /** The topic its rows route to. */
    String topic() {
        return "relay-" + database.replace('_', '-');
    }

    /** Writes one outbox row for a new aggregate; returns the aggregate (the record key). */
    String writeEvent() {
        String aggregateId = UUID.randomUUID().toString();
        sql.sql("INSERT INTO outbox (id, aggregate_type, aggregate_id, event_type, payload) "
                + "VALUES (?::uuid, ?, ?, ?, jsonb_build_object('orderId', ?::text))")
                .params(UUID.randomUUID().toString(), topic(), aggregateId, OrderPlaced.TYPE, aggregateId).update();
        return aggregateId;
    }

    private void createIfMissing() {
        try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl("postgres"), postgres.username(),
                postgres.password()); Statement statement = connection.createStatement()) {
            var exists = statement.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + database + "'");
            if (!exists.next()) {
                statement.execute("CREATE DATABASE " + database);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + database, e);
        }
    }
}
