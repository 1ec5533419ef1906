package com.example.checkout.analytics.sales;

import java.util.List;

/** {@code GET /analytics/summary}: all orders counted so far and the best-selling products by units. */
public record SalesSummary(long orders, long revenueCents, List<ProductSales> topProducts) {

    public record ProductSales(String sku, long units, long revenueCents) {
    }
}
