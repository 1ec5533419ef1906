package com.example.checkout.consumer.deadletter;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/** A record parked on this group's DLT, as {@code GET /dlt} shows it. */
public record DeadLetter(long id, String topic, int partition, long offset, @Nullable String originalTopic,
                         @Nullable String key, @Nullable UUID eventId, @Nullable String eventType, String reason,
                         @Nullable String exceptionClass, int attempts, Instant deadLetteredAt) {
}
