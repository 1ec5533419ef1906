package com.example.checkout.inventory.reservation;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/** One reserved (or rejected) order line, as {@code GET /reservations?orderId=} shows it. */
public record Reservation(UUID orderId, String sku, int quantity, String status, @Nullable String reason,
                          Instant reservedAt) {
}
