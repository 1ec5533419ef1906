package com.example.checkout.events;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** The order's stock is reserved: the order is CONFIRMED and will be fulfilled. The saga's happy end. */
public record OrderConfirmed(UUID orderId, String customerId, String email, long totalCents, String currency,
                             Instant confirmedAt) implements CheckoutEvent {

    public static final String TYPE = "com.example.checkout.order.OrderConfirmed.v1";

    public OrderConfirmed {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(confirmedAt, "confirmedAt");
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public String subject() {
        return orderId.toString();
    }
}
