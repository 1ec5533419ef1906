package com.example.checkout.events;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * An order was accepted and paid. Carries everything the consumers need (email, lines, prices), so none of
 * them ever calls the order service back.
 *
 * <p>Evolution rule: add optional fields only. A change that would break an old reader is a new
 * {@code ce_type} version ({@code ...OrderPlaced.v2}), published next to this one.
 */
public record OrderPlaced(
        UUID orderId,
        String customerId,
        String email,
        List<OrderLine> lines,
        long totalCents,
        String currency,
        Instant placedAt) implements CheckoutEvent {

    public static final String TYPE = "com.example.checkout.order.OrderPlaced.v1";

    public OrderPlaced {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(placedAt, "placedAt");
        lines = List.copyOf(Objects.requireNonNull(lines, "lines"));
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("an order has at least one line");
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

    /** One line of the order, priced by the catalog at the time of the order. */
    public record OrderLine(String sku, String name, int quantity, long unitPriceCents) {

        public OrderLine {
            Objects.requireNonNull(sku, "sku");
            if (quantity < 1) {
                throw new IllegalArgumentException("quantity must be at least 1");
            }
        }

        public long lineTotalCents() {
            return unitPriceCents * quantity;
        }
    }
}
