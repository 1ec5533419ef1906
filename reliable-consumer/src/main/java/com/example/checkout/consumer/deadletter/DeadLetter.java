package com.example.checkout.consumer.deadletter;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * A record parked on this group's DLT, as {@code GET /dlt} shows it.
 *
 * @param payload the record's value as text, only when asked for ({@code GET /dlt?payload=true})
 */
public record DeadLetter(long id, String topic, int partition, long offset, @Nullable String originalTopic,
                         @Nullable String key, @Nullable UUID eventId, @Nullable String eventType, String reason,
                         @Nullable String exceptionClass, int attempts, Instant deadLetteredAt,
                         @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable String payload) {
}
