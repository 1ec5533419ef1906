package com.example.checkout.email.cancellation;

import com.example.checkout.consumer.EventHandler;
import com.example.checkout.consumer.EventMetadata;
import com.example.checkout.email.sending.EmailSender;
import com.example.checkout.events.OrderCancelled;
import org.springframework.stereotype.Component;

/**
 * Tells the customer the order is cancelled and refunded, once per order, whether or not the confirmation went
 * out before (retry topics may have held it back; then it is never sent, see the confirmation's handler).
 */
@Component
class SendCancellationOnOrderCancelled implements EventHandler<OrderCancelled> {

    private final EmailSender sender;

    SendCancellationOnOrderCancelled(EmailSender sender) {
        this.sender = sender;
    }

    @Override
    public Class<OrderCancelled> eventClass() {
        return OrderCancelled.class;
    }

    /** SMTP is no part of a database transaction: the sender claims, sends and marks on its own. */
    @Override
    public boolean inEventTransaction() {
        return false;
    }

    @Override
    public void handle(OrderCancelled event, EventMetadata metadata) {
        sender.sendOnce(CancellationEmail.of(event, sender.messageId(metadata.eventId())));
    }
}
