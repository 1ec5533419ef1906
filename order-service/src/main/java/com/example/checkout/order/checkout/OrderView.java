package com.example.checkout.order.checkout;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The body of {@code GET /orders/{id}}. */
record OrderView(UUID orderId, String customerId, String email, String status, long totalCents, String currency,
                 Instant placedAt, List<Line> lines) {

    record Line(String sku, String name, int quantity, long unitPriceCents) {
    }
}
