package com.example.checkout.analytics.sales;

import java.util.List;

/**
 * {@code GET /analytics/summary}: all orders counted so far, how many of them were cancelled, the revenue net of
 * cancellations and the best-selling products by units (net).
 */
public record SalesSummary(long orders, long cancelledOrders, long revenueCents, List<ProductSales> topProducts) {

    /** @param units net of cancelled orders' units */
    public record ProductSales(String sku, long units, long revenueCents) {
    }
}
