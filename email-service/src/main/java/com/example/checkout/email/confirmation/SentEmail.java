package com.example.checkout.email.confirmation;

import java.time.Instant;
import java.util.UUID;

/** {@code GET /emails?orderId=}: what was sent ({@code template}: order-confirmation or order-cancellation). */
public record SentEmail(UUID orderId, String template, String recipient, String subject, String messageId, Instant sentAt) {
}
