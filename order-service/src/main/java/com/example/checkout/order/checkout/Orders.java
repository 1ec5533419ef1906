package com.example.checkout.order.checkout;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import com.example.checkout.events.OrderPlaced;
import com.example.checkout.order.outbox.EventTraces;
import com.example.checkout.order.timeline.Timeline;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code orders} and {@code order_lines} tables. */
@Repository
class Orders {

    static final String PLACED = "PLACED";

    private final JdbcClient database;
    private final Timeline timeline;
    private final EventTraces traces;

    Orders(JdbcClient database, Timeline timeline, EventTraces traces) {
        this.database = database;
        this.timeline = timeline;
        this.traces = traces;
    }

    void insert(OrderPlaced order) {
        database.sql("""
                        INSERT INTO orders (id, customer_id, email, status, total_cents, currency, placed_at)
                        VALUES (:id, :customerId, :email, :status, :total, :currency, :placedAt)""")
                .param("id", order.orderId())
                .param("customerId", order.customerId())
                .param("email", order.email())
                .param("status", PLACED)
                .param("total", order.totalCents())
                .param("currency", order.currency())
                .param("placedAt", Timestamp.from(order.placedAt()))
                .update();
        List<OrderPlaced.OrderLine> lines = order.lines();
        for (int i = 0; i < lines.size(); i++) {
            OrderPlaced.OrderLine line = lines.get(i);
            database.sql("""
                            INSERT INTO order_lines (order_id, line_no, sku, name, quantity, unit_price_cents)
                            VALUES (:orderId, :lineNo, :sku, :name, :quantity, :unitPrice)""")
                    .param("orderId", order.orderId())
                    .param("lineNo", i + 1)
                    .param("sku", line.sku())
                    .param("name", line.name())
                    .param("quantity", line.quantity())
                    .param("unitPrice", line.unitPriceCents())
                    .update();
        }
    }

    Optional<OrderView> find(UUID orderId) {
        List<OrderView.Line> lines = database.sql("""
                        SELECT sku, name, quantity, unit_price_cents FROM order_lines
                        WHERE order_id = :id ORDER BY line_no""")
                .param("id", orderId)
                .query(OrderView.Line.class)
                .list();
        return database.sql("""
                        SELECT id, customer_id, email, status, total_cents, currency, placed_at, cancellation_reason
                        FROM orders WHERE id = :id""")
                .param("id", orderId)
                .query((row, n) -> {
                    Instant placedAt = row.getTimestamp("placed_at").toInstant();
                    List<Timeline.Entry> steps = new ArrayList<>();
                    steps.add(new Timeline.Entry(Timeline.Step.PLACED, placedAt, null));
                    steps.addAll(timeline.after(orderId));
                    return new OrderView(row.getObject("id", UUID.class), row.getString("customer_id"),
                            row.getString("email"), row.getString("status"), row.getLong("total_cents"),
                            row.getString("currency"), placedAt, lines, row.getString("cancellation_reason"), steps,
                            traces.traceId(orderId.toString(), OrderPlaced.TYPE, placedAt).orElse(null));
                })
                .optional();
    }
}
