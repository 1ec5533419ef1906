package com.example.checkout.analytics.sales;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.example.checkout.events.OrderPlaced.OrderLine;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The {@code product_sales} rows, one per SKU. An order's lines are added (or, cancelled, taken back) in SKU order,
 * not in the order's line order: two transactions that touch the same SKUs then lock their rows in the same order
 * and wait for each other instead of deadlocking (two consumer threads, two orders with the same SKUs in opposite
 * line order). Lines of one SKU are summed first, so no row is updated twice in one event.
 */
@Component
class SkuFigures {

    private final JdbcClient jdbc;

    SkuFigures(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** @param sign 1 for a sale, -1 for its reversal */
    void add(List<OrderLine> lines, int sign) {
        Map<String, long[]> bySku = new TreeMap<>();
        for (OrderLine line : lines) {
            long[] figures = bySku.computeIfAbsent(line.sku(), sku -> new long[2]);
            figures[0] += line.quantity();
            figures[1] += line.lineTotalCents();
        }
        bySku.forEach((sku, figures) -> jdbc.sql("""
                        INSERT INTO product_sales (sku, units, revenue_cents) VALUES (?, ?, ?)
                        ON CONFLICT (sku) DO UPDATE SET units = product_sales.units + excluded.units,
                                                        revenue_cents = product_sales.revenue_cents + excluded.revenue_cents""")
                .params(sku, sign * figures[0], sign * figures[1]).update());
    }
}
