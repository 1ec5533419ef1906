package com.example.checkout.order.timeline;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** What happened to an order after it was placed, step by step ({@code order_timeline}). */
@Repository
public class Timeline {

    public enum Step { PLACED, STOCK_RESERVED, STOCK_REJECTED, REFUNDED, CONFIRMED, CANCELLED }

    /** One step of an order's journey and when it happened. */
    public record Entry(Step step, Instant at, @Nullable String detail) {
    }

    private final JdbcClient database;

    Timeline(JdbcClient database) {
        this.database = database;
    }

    /** Records a step in the transaction that made it happen; a step already recorded stays as it was. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void record(UUID orderId, Step step, Instant at, @Nullable String detail) {
        database.sql("INSERT INTO order_timeline (order_id, step, at, detail) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING")
                .params(orderId, step.name(), Timestamp.from(at), detail)
                .update();
    }

    /** The steps after the placing, in the order they happened (steps of one instant in the saga's order). */
    public List<Entry> after(UUID orderId) {
        return database.sql("SELECT step, at, detail FROM order_timeline WHERE order_id = ?")
                .param(orderId)
                .query((row, n) -> new Entry(Step.valueOf(row.getString("step")), row.getTimestamp("at").toInstant(),
                        row.getString("detail")))
                .stream()
                .sorted(Comparator.comparing(Entry::at).thenComparing(Entry::step))
                .toList();
    }
}
