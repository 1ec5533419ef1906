package com.example.checkout.consumer;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/** Where an event came from: its CloudEvents attributes and its Kafka coordinates. */
public record EventMetadata(UUID eventId, String eventType, @Nullable String key, @Nullable Instant time,
                            @Nullable String traceparent, String topic, int partition, long offset) {
}
