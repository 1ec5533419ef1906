package com.example.checkout.email.sending;

import java.util.UUID;

/**
 * One email about one order, ready to send. Plain text: readable in any client and in the demo's inbox.
 *
 * @param template  what kind of email it is; an order gets at most one of each
 * @param messageId derived from the event id, so a resend after a crash is recognisable as the same mail
 */
public record Email(UUID orderId, String template, String recipient, String subject, String body, String messageId) {
}
