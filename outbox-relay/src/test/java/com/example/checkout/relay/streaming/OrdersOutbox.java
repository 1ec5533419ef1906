package com.example.checkout.relay.streaming;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import com.example.checkout.events.EventJson;
import com.example.checkout.events.OrderPlaced;
import com.example.checkout.events.Topics;
import com.example.checkout.infrastructure.Infrastructure;
import com.example.checkout.infrastructure.SharedInfrastructure;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * An outbox the relay streams from, written the way order-service's checkout writes it: the outbox contract of
 * BRIEF.md (tables, publication, slot) and one committed {@code OrderPlaced} row per order.
 *
 * <p>Stands in for order-service, whose module had not landed when these tests were written; the relay cannot
 * tell the difference, it only reads the WAL.
 */
final class OrdersOutbox {

    static final String EMAIL = "shopper@example.com";
    private static OrdersOutbox shared;

    private final JdbcClient database;

    private OrdersOutbox(JdbcClient database) {
        this.database = database;
    }

    /** The {@code orders} database of the JVM's shared infrastructure, with the contract created on first use. */
    static synchronized OrdersOutbox shared() {
        if (shared == null) {
            shared = new OrdersOutbox(connect(SharedInfrastructure.get(), "orders"));
            shared.createTables();
            shared.createSlot("outbox_relay");
        }
        return shared;
    }

    /** A database of its own, created empty: the caller decides whether the slot exists. */
    static OrdersOutbox freshDatabase(Infrastructure infrastructure, String name) {
        connect(infrastructure, "postgres").sql("CREATE DATABASE " + name).update();
        OrdersOutbox outbox = new OrdersOutbox(connect(infrastructure, name));
        outbox.createTables();
        return outbox;
    }

    static JdbcClient connect(Infrastructure infrastructure, String database) {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(infrastructure.postgres().jdbcUrl(database));
        dataSource.setUser(infrastructure.postgres().username());
        dataSource.setPassword(infrastructure.postgres().password());
        return JdbcClient.create(dataSource);
    }

    void createTables() {
        database.sql("""
                CREATE TABLE outbox (
                  id             uuid PRIMARY KEY,
                  aggregate_type text NOT NULL,
                  aggregate_id   text NOT NULL,
                  event_type     text NOT NULL,
                  payload        jsonb NOT NULL,
                  created_at     timestamptz NOT NULL DEFAULT now(),
                  traceparent    text)""").update();
        database.sql("CREATE TABLE relay_heartbeat (id int PRIMARY KEY, beat_at timestamptz NOT NULL)").update();
        database.sql("CREATE PUBLICATION outbox_publication FOR TABLE outbox, relay_heartbeat").update();
    }

    void createSlot(String slot) {
        database.sql("SELECT 1 FROM pg_create_logical_replication_slot(?, 'pgoutput')").param(slot)
                .query(Integer.class).single();
    }

    /** Commits one order's {@code OrderPlaced} row, with a W3C trace context, and returns the order id. */
    String writeOrderPlaced() {
        UUID orderId = UUID.randomUUID();
        OrderPlaced event = new OrderPlaced(orderId, "customer-1", EMAIL,
                List.of(new OrderPlaced.OrderLine("SKU-1", "Item", 2, 1250)), 2500, "EUR", Instant.now());
        database.sql("""
                INSERT INTO outbox (id, aggregate_type, aggregate_id, event_type, payload, traceparent)
                VALUES (?, ?, ?, ?, ?::jsonb, ?)""")
                .params(UUID.randomUUID(), Topics.ORDERS, orderId.toString(), OrderPlaced.TYPE,
                        EventJson.write(event), "00-" + hex(32) + "-" + hex(16) + "-01")
                .update();
        return orderId.toString();
    }

    /** The orders among {@code orderIds} that have an outbox row. */
    List<String> writtenOrders(Collection<String> orderIds) {
        return database.sql("SELECT aggregate_id FROM outbox WHERE aggregate_id IN (:ids)").param("ids", orderIds)
                .query(String.class).list();
    }

    private static String hex(int digits) {
        return (UUID.randomUUID().toString() + UUID.randomUUID()).replace("-", "").substring(0, digits);
    }
}
