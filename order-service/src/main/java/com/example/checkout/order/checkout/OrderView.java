package com.example.checkout.order.checkout;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.example.checkout.order.timeline.Timeline;
import org.jspecify.annotations.Nullable;

/**
 * The body of {@code GET /orders/{id}}: {@code status} PLACED, then CONFIRMED or CANCELLED (with the reason), and
 * the timeline of every step with its time, the placing first.
 *
 * @param traceId the checkout's trace, which the relay and every consumer continue; {@code null} when it was not
 *                sampled or its outbox row is past retention
 */
record OrderView(UUID orderId, String customerId, String email, String status, long totalCents, String currency,
                 Instant placedAt, List<Line> lines, @Nullable String cancellationReason,
                 List<Timeline.Entry> timeline, @Nullable String traceId) {

    record Line(String sku, String name, int quantity, long unitPriceCents) {
    }
}
