package com.example.checkout.events;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * Inventory reserved every line of an order; the stock is taken. Published by inventory-service through its own
 * outbox on topic {@link Topics#INVENTORY}, keyed by order id.
 */
public record StockReserved(UUID orderId, List<ReservedLine> lines, Instant reservedAt) implements CheckoutEvent {

    public static final String TYPE = "com.example.checkout.inventory.StockReserved.v1";

    public StockReserved {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(reservedAt, "reservedAt");
        lines = List.copyOf(Objects.requireNonNull(lines, "lines"));
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("a reservation has at least one line");
        }
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public String subject() {
        return orderId.toString();
    }

    /** One reserved line. */
    public record ReservedLine(String sku, int quantity) {

        public ReservedLine {
            Objects.requireNonNull(sku, "sku");
        }
    }
}
