package com.example.checkout.order.saga;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import com.example.checkout.events.OrderPlaced.OrderLine;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The order's status moves, PLACED to CONFIRMED or CANCELLED, under a row lock. */
@Repository
class PlacedOrders {

    private final JdbcClient database;

    PlacedOrders(JdbcClient database) {
        this.database = database;
    }

    /**
     * Locks the order for the rest of the transaction, so two deliveries of one order's outcome (a duplicate, a
     * replay, a retry racing the original) move it once. {@code NO KEY UPDATE}: the refund claim, committed on its own
     * connection meanwhile, references the row and must not wait for this lock.
     */
    Optional<PlacedOrder> lock(UUID orderId) {
        List<OrderLine> lines = database.sql("""
                        SELECT sku, name, quantity, unit_price_cents FROM order_lines WHERE order_id = ? ORDER BY line_no""")
                .param(orderId)
                .query((row, n) -> new OrderLine(row.getString("sku"), row.getString("name"), row.getInt("quantity"),
                        row.getLong("unit_price_cents")))
                .list();
        return database.sql("""
                        SELECT id, customer_id, email, status, total_cents, currency, placed_at FROM orders
                        WHERE id = ? FOR NO KEY UPDATE""")
                .param(orderId)
                .query((row, n) -> new PlacedOrder(row.getObject("id", UUID.class), row.getString("customer_id"),
                        row.getString("email"), row.getString("status"), row.getLong("total_cents"),
                        row.getString("currency"), row.getTimestamp("placed_at").toInstant(), lines))
                .optional();
    }

    void confirm(UUID orderId) {
        database.sql("UPDATE orders SET status = 'CONFIRMED' WHERE id = ? AND status = 'PLACED'").param(orderId).update();
    }

    void cancel(UUID orderId, String reason) {
        database.sql("UPDATE orders SET status = 'CANCELLED', cancellation_reason = ? WHERE id = ? AND status = 'PLACED'")
                .params(reason, orderId).update();
    }
}
