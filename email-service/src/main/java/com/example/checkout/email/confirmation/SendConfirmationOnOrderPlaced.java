package com.example.checkout.email.confirmation;

import com.example.checkout.consumer.EventHandler;
import com.example.checkout.consumer.EventMetadata;
import com.example.checkout.email.cancellation.CancellationEmail;
import com.example.checkout.email.sending.Email;
import com.example.checkout.email.sending.EmailSender;
import com.example.checkout.events.OrderPlaced;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Sends the order confirmation, once per order. Not after the order's cancellation email: when the
 * {@code OrderCancelled} was handled first (this event waited on a retry topic), a "your order is confirmed" mail
 * arriving after "your order is cancelled" would tell the customer the opposite of the truth, so it is not sent;
 * the cancellation email alone already names the order, its lines and the refund.
 */
@Component
class SendConfirmationOnOrderPlaced implements EventHandler<OrderPlaced> {

    private static final Logger log = LoggerFactory.getLogger(SendConfirmationOnOrderPlaced.class);

    private final EmailSender sender;

    SendConfirmationOnOrderPlaced(EmailSender sender) {
        this.sender = sender;
    }

    @Override
    public Class<OrderPlaced> eventClass() {
        return OrderPlaced.class;
    }

    /** SMTP is no part of a database transaction: the sender claims, sends and marks on its own. */
    @Override
    public boolean inEventTransaction() {
        return false;
    }

    @Override
    public void handle(OrderPlaced event, EventMetadata metadata) {
        Email confirmation = ConfirmationEmail.of(event, sender.messageId(metadata.eventId()));
        if (sender.sendUnless(confirmation, CancellationEmail.TEMPLATE) == EmailSender.Outcome.SUPERSEDED) {
            log.info("Order {} was cancelled before its confirmation went out; the confirmation is not sent", event.orderId());
        }
    }
}
