package com.example.checkout.email.confirmation;

import java.time.Instant;
import java.util.UUID;

/** {@code GET /emails?orderId=}: what was sent. */
public record SentEmail(UUID orderId, String recipient, String subject, String messageId, Instant sentAt) {
}
