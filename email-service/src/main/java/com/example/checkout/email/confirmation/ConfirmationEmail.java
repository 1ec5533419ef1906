package com.example.checkout.email.confirmation;

import java.util.Locale;
import java.util.UUID;

import com.example.checkout.events.OrderPlaced;
import com.example.checkout.events.OrderPlaced.OrderLine;

/** The text of an order confirmation. Plain text: readable in any client and in the demo's inbox. */
record ConfirmationEmail(String recipient, String subject, String body, String messageId) {

    static final String TEMPLATE = "order-confirmation";

    /** The Message-ID is derived from the event id, so a resend after a crash is recognisable as the same mail. */
    static ConfirmationEmail of(OrderPlaced order, UUID eventId, String messageIdDomain) {
        StringBuilder body = new StringBuilder()
                .append("Thank you for your order.\n\n")
                .append("Order ").append(order.orderId()).append('\n')
                .append("Placed ").append(order.placedAt()).append("\n\n");
        for (OrderLine line : order.lines()) {
            body.append(String.format(Locale.ROOT, "%3d x %-30s %10s %s%n", line.quantity(), line.name(),
                    money(line.unitPriceCents()), order.currency()));
        }
        body.append(String.format(Locale.ROOT, "%nTotal %s %s%n", money(order.totalCents()), order.currency()));
        return new ConfirmationEmail(order.email(), "Your order " + order.orderId() + " is confirmed",
                body.toString(), "<" + eventId + "@" + messageIdDomain + ">");
    }

    private static String money(long cents) {
        return String.format(Locale.ROOT, "%d.%02d", cents / 100, cents % 100);
    }
}
