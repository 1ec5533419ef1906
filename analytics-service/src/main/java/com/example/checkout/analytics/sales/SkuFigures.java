package com.example.checkout.analytics.sales;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.example.checkout.events.OrderPlaced.OrderLine;

/**
 * The {@code product_sales} rows, one per SKU. An order's lines are added (or, cancelled, taken back) in SKU order,
 * not in the order's line order: two transactions that touch the same SKUs then lock their rows in the same order
 * and wait for each other instead of deadlocking (two consumer threads, two orders with the same SKUs in opposite
 * line order). Lines of one SKU are summed first, so no row is updated twice in one event.
 *
 * <p>One statement for all of an order's SKUs, which the handler sends after its own statements in the same round
 * trip: a round trip per SKU row was most of an event's time on the database.
 */
final class SkuFigures {

    /** Rows come out of the ORDER BY in SKU order and are upserted, and so locked, in that order. */
    static final String UPSERT = """
            INSERT INTO product_sales (sku, units, revenue_cents)
            SELECT sku, units, revenue_cents FROM unnest(?::text[], ?::bigint[], ?::bigint[]) AS line (sku, units, revenue_cents)
            ORDER BY sku
            ON CONFLICT (sku) DO UPDATE SET units = product_sales.units + excluded.units,
                                            revenue_cents = product_sales.revenue_cents + excluded.revenue_cents""";

    private SkuFigures() {
    }

    /**
     * @param sign 1 for a sale, -1 for its reversal
     * @return the three parameters of {@link #UPSERT}: SKUs, units and revenue, in SKU order
     */
    static List<Object> parameters(List<OrderLine> lines, int sign) {
        Map<String, long[]> bySku = new TreeMap<>();
        for (OrderLine line : lines) {
            long[] figures = bySku.computeIfAbsent(line.sku(), sku -> new long[2]);
            figures[0] += line.quantity();
            figures[1] += line.lineTotalCents();
        }
        List<String> skus = new ArrayList<>(bySku.keySet());
        Long[] units = new Long[skus.size()];
        Long[] revenue = new Long[skus.size()];
        for (int n = 0; n < skus.size(); n++) {
            long[] figures = bySku.get(skus.get(n));
            units[n] = sign * figures[0];
            revenue[n] = sign * figures[1];
        }
        return List.of(skus.toArray(String[]::new), units, revenue);
    }
}
