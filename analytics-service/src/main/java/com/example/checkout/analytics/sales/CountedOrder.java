package com.example.checkout.analytics.sales;

import java.time.Instant;
import java.util.UUID;

/** {@code GET /analytics/orders/{orderId}}: an order the figures contain, and when it was counted. */
public record CountedOrder(UUID orderId, long totalCents, Instant countedAt) {
}
