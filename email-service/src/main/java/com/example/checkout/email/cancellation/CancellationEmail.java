package com.example.checkout.email.cancellation;

import java.util.Locale;

import com.example.checkout.email.sending.Email;
import com.example.checkout.email.sending.LineTable;
import com.example.checkout.events.OrderCancelled;

/**
 * The text of a cancellation. Complete on its own (the order, its lines, the reason, the refund), because it may
 * be the only email the customer gets about the order.
 */
public final class CancellationEmail {

    public static final String TEMPLATE = "order-cancellation";

    private CancellationEmail() {
    }

    static Email of(OrderCancelled order, String messageId) {
        StringBuilder body = new StringBuilder()
                .append("We are sorry: we could not fulfil your order, so we have cancelled it and refunded your payment.\n\n")
                .append("Order ").append(order.orderId()).append('\n')
                .append("Placed ").append(order.placedAt()).append('\n')
                .append("Why ").append(order.reason()).append("\n\n");
        body.append(LineTable.of(order.lines(), order.currency()));
        body.append(String.format(Locale.ROOT, "%nRefunded %s %s (refund %s)%n", LineTable.money(order.refundedCents()),
                order.currency(), order.refundReference()));
        return new Email(order.orderId(), TEMPLATE, order.email(), "Your order " + order.orderId() + " is cancelled",
                body.toString(), messageId);
    }
}
