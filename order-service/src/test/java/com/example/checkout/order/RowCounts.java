package com.example.checkout.order;

import org.springframework.jdbc.core.simple.JdbcClient;

/** The number of rows in each table a checkout writes. */
public record RowCounts(long orders, long orderLines, long payments, long outbox) {

    public static RowCounts of(JdbcClient database) {
        return new RowCounts(count(database, "orders"), count(database, "order_lines"), count(database, "payments"),
                count(database, "outbox"));
    }

    private static long count(JdbcClient database, String table) {
        return database.sql("SELECT count(*) FROM " + table).query(Long.class).single();
    }

    /** The rows added since {@code before}. */
    public RowCounts minus(RowCounts before) {
        return new RowCounts(orders - before.orders, orderLines - before.orderLines, payments - before.payments,
                outbox - before.outbox);
    }
}
