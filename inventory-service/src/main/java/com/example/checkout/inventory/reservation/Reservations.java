package com.example.checkout.inventory.reservation;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import com.example.checkout.events.OrderPlaced.OrderLine;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code reservations} and {@code cancelled_orders} tables. */
@Repository
class Reservations {

    static final String RESERVED = "RESERVED";
    static final String REJECTED = "REJECTED";
    static final String RELEASED = "RELEASED";

    private final JdbcClient jdbc;

    Reservations(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * A transaction-scoped lock on one order: its OrderPlaced and OrderCancelled may be handled at the same time
     * by the main-topic and a retry-topic consumer, and each must see the other's effect, not half of it.
     */
    void lockOrder(UUID orderId) {
        jdbc.sql("SELECT 1 FROM pg_advisory_xact_lock(hashtextextended(?, 0))").param(orderId.toString())
                .query(Integer.class).single();
    }

    Optional<String> cancellation(UUID orderId) {
        return jdbc.sql("SELECT reason FROM cancelled_orders WHERE order_id = ?").param(orderId)
                .query(String.class).optional();
    }

    /** @return whether this call recorded it (a second cancellation of one order changes nothing) */
    boolean recordCancellation(UUID orderId, String reason) {
        return jdbc.sql("INSERT INTO cancelled_orders (order_id, reason) VALUES (?, ?) ON CONFLICT DO NOTHING")
                .params(orderId, reason).update() == 1;
    }

    void record(UUID orderId, OrderLine line, String status, @Nullable String reason) {
        record(orderId, line.sku(), line.quantity(), status, reason);
    }

    void record(UUID orderId, String sku, int quantity, String status, @Nullable String reason) {
        jdbc.sql("INSERT INTO reservations (order_id, sku, quantity, status, reason) VALUES (?, ?, ?, ?, ?)")
                .params(orderId, sku, quantity, status, reason)
                .update();
    }

    /**
     * Marks the order's reserved lines RELEASED and returns them in SKU order (the order stock rows are locked in
     * everywhere, so a release and a reservation never deadlock), so their quantities go back to stock.
     */
    List<ReleasedLine> release(UUID orderId, String reason) {
        return jdbc.sql("""
                        UPDATE reservations SET status = 'RELEASED', reason = ?
                        WHERE order_id = ? AND status = 'RESERVED' RETURNING sku, quantity""")
                .params(reason, orderId).query(ReleasedLine.class).stream()
                .sorted(Comparator.comparing(ReleasedLine::sku)).toList();
    }

    record ReleasedLine(String sku, int quantity) {
    }
}
