package com.example.checkout.events;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import com.example.checkout.events.OrderPlaced.OrderLine;

/**
 * The order was cancelled after it had been paid (today: its stock could not be reserved) and the payment was
 * refunded. Carries the order's lines, total and placing time as well, so a consumer can act on it even when it
 * arrives before the {@link OrderPlaced} of the same order (retry topics reorder one key's events): the email
 * service writes the cancellation from it alone, the analytics service reverses the sale on the right day.
 *
 * @param reason          why, in words the customer may read (the stock shortfall per line)
 * @param refundReference the payment provider's id of the refund
 * @param refundedCents   the amount given back: the order's total
 */
public record OrderCancelled(
        UUID orderId,
        String customerId,
        String email,
        List<OrderLine> lines,
        long totalCents,
        String currency,
        Instant placedAt,
        String reason,
        String refundReference,
        long refundedCents,
        Instant cancelledAt) implements CheckoutEvent {

    public static final String TYPE = "com.example.checkout.order.OrderCancelled.v1";

    public OrderCancelled {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(placedAt, "placedAt");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(refundReference, "refundReference");
        Objects.requireNonNull(cancelledAt, "cancelledAt");
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
}
