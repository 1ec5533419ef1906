package com.example.checkout.order.checkout;

import java.util.UUID;

/** The {@code 201} body of {@code POST /checkout}; replayed verbatim for a repeated Idempotency-Key. */
record OrderConfirmation(UUID orderId, String status, long totalCents, String currency) {
}
