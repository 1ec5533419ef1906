package com.example.checkout.events;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * Inventory could not reserve the whole order, so it reserved none of it: no stock moved. Each line says why
 * (a shortfall, an unknown SKU, or that another line of the order failed). A business outcome, not an error.
 */
public record StockReservationRejected(UUID orderId, List<RejectedLine> lines, Instant rejectedAt)
        implements CheckoutEvent {

    public static final String TYPE = "com.example.checkout.inventory.StockReservationRejected.v1";

    public StockReservationRejected {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(rejectedAt, "rejectedAt");
        lines = List.copyOf(Objects.requireNonNull(lines, "lines"));
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("a rejection has at least one line");
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

    /** The reasons of every line, joined: what the order's cancellation tells. */
    public String reason() {
        return String.join("; ", lines.stream().map(RejectedLine::reason).distinct().toList());
    }

    /** One line of the rejected order and why it was not reserved. */
    public record RejectedLine(String sku, int quantity, String reason) {

        public RejectedLine {
            Objects.requireNonNull(sku, "sku");
            Objects.requireNonNull(reason, "reason");
        }
    }
}
