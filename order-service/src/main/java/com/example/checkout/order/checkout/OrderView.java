package com.example.checkout.order.checkout;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.example.checkout.order.timeline.Timeline;
import org.jspecify.annotations.Nullable;

/**
 * The body of {@code GET /orders/{id}}: {@code status} PLACED, then CONFIRMED or CANCELLED (with the reason), and
 * the timeline of every step with its time, the placing first.
 */
record OrderView(UUID orderId, String customerId, String email, String status, long totalCents, String currency,
                 Instant placedAt, List<Line> lines, @Nullable String cancellationReason,
                 List<Timeline.Entry> timeline) {

    record Line(String sku, String name, int quantity, long unitPriceCents) {
    }
}
