package com.example.checkout.order.saga;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.example.checkout.events.OrderPlaced.OrderLine;

/** An order as the saga reads it: enough to announce its outcome without another lookup. */
record PlacedOrder(UUID orderId, String customerId, String email, String status, long totalCents, String currency,
                   Instant placedAt, List<OrderLine> lines) {

    static final String PLACED = "PLACED";

    boolean isOpen() {
        return PLACED.equals(status);
    }
}
