package com.example.checkout.analytics.sales;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
class SalesController {

    private static final int TOP_PRODUCTS = 5;
    private static final int MAX_LATEST = 100;

    private final JdbcClient jdbc;

    SalesController(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @GetMapping("/analytics/summary")
    SalesSummary summary() {
        record Totals(long orders, long cancelledOrders, long revenueCents) {
        }
        Totals totals = jdbc.sql("""
                        SELECT coalesce(sum(orders), 0) AS orders, coalesce(sum(cancelled_orders), 0) AS cancelled_orders,
                               coalesce(sum(revenue_cents), 0) AS revenue_cents FROM daily_sales""")
                .query(Totals.class).single();
        List<SalesSummary.ProductSales> top = jdbc.sql("SELECT sku, units, revenue_cents FROM product_sales ORDER BY units DESC, sku LIMIT ?")
                .param(TOP_PRODUCTS).query(SalesSummary.ProductSales.class).list();
        return new SalesSummary(totals.orders(), totals.cancelledOrders(), totals.revenueCents(), top);
    }

    @GetMapping("/analytics/orders/{orderId}")
    ResponseEntity<?> order(@PathVariable UUID orderId) {
        return jdbc.sql("SELECT order_id, total_cents, counted_at FROM order_sales WHERE order_id = ?").param(orderId)
                .query(CountedOrder.class).optional().<ResponseEntity<?>>map(ResponseEntity::ok)
                .orElseGet(() -> ResponseEntity.status(HttpStatus.NOT_FOUND).body(ProblemDetail.forStatusAndDetail(
                        HttpStatus.NOT_FOUND, "Order " + orderId + " has not been counted")));
    }

    /** The latest counted orders, newest first. */
    @GetMapping("/analytics/orders")
    List<CountedOrder> latest(@RequestParam(defaultValue = "20") int limit) {
        return jdbc.sql("SELECT order_id, total_cents, counted_at FROM order_sales ORDER BY counted_at DESC LIMIT ?")
                .param(Math.clamp(limit, 1, MAX_LATEST)).query(CountedOrder.class).list();
    }

    @GetMapping("/analytics/daily")
    List<DailySales> daily() {
        return jdbc.sql("SELECT day, orders, cancelled_orders, revenue_cents FROM daily_sales ORDER BY day")
                .query(DailySales.class).list();
    }

    /** @param revenueCents net of the day's cancelled sales */
    record DailySales(LocalDate day, long orders, long cancelledOrders, long revenueCents) {
    }
}
