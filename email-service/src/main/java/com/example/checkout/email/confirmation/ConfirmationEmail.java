package com.example.checkout.email.confirmation;

import java.util.Locale;

import com.example.checkout.email.sending.Email;
import com.example.checkout.email.sending.LineTable;
import com.example.checkout.events.OrderPlaced;

/** The text of an order confirmation. */
final class ConfirmationEmail {

    static final String TEMPLATE = "order-confirmation";

    private ConfirmationEmail() {
    }

    static Email of(OrderPlaced order, String messageId) {
        StringBuilder body = new StringBuilder()
                .append("Thank you for your order.\n\n")
                .append("Order ").append(order.orderId()).append('\n')
                .append("Placed ").append(order.placedAt()).append("\n\n");
        body.append(LineTable.of(order.lines(), order.currency()));
        body.append(String.format(Locale.ROOT, "%nTotal %s %s%n", LineTable.money(order.totalCents()), order.currency()));
        return new Email(order.orderId(), TEMPLATE, order.email(), "Your order " + order.orderId() + " is confirmed",
                body.toString(), messageId);
    }
}
