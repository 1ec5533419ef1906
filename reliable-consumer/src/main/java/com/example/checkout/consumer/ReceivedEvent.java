package com.example.checkout.consumer;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.UUID;
import java.util.function.Function;

import com.example.checkout.events.CheckoutEvent;
import com.example.checkout.events.EventHeaders;
import com.example.checkout.events.EventJson;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.jspecify.annotations.Nullable;

/**
 * A record read as an event: its payload by {@code ce_type}, its attributes from the {@code ce_*} headers.
 * Anything missing or unreadable can never succeed, so it throws the exceptions that skip the retries.
 */
public record ReceivedEvent(CheckoutEvent event, EventMetadata metadata) {

    public static ReceivedEvent of(ConsumerRecord<String, byte[]> record) {
        return of(record.value(), name -> text(record.headers().lastHeader(name)), record.key(), record.topic(),
                record.partition(), record.offset());
    }

    /**
     * @param headers the text of a header by name, null when absent
     * @throws NonRetryableEventException when {@code ce_id} or {@code ce_type} is missing or malformed
     * @throws EventJson.UnreadableEvent when the payload is not a valid event of its type
     */
    public static ReceivedEvent of(byte @Nullable [] value, Function<String, @Nullable String> headers,
                                   @Nullable String key, String topic, int partition, long offset) {
        String id = headers.apply(EventHeaders.ID);
        String type = headers.apply(EventHeaders.TYPE);
        if (id == null || type == null) {
            throw new NonRetryableEventException("missing header " + (id == null ? EventHeaders.ID : EventHeaders.TYPE));
        }
        if (value == null) {
            throw new NonRetryableEventException("record without a value");
        }
        UUID eventId;
        try {
            eventId = UUID.fromString(id);
        } catch (IllegalArgumentException malformed) {
            throw new NonRetryableEventException("malformed " + EventHeaders.ID + ": " + id);
        }
        CheckoutEvent event = EventJson.read(value, type);
        EventMetadata metadata = new EventMetadata(eventId, type, key, instant(headers.apply(EventHeaders.TIME)),
                headers.apply(EventHeaders.TRACEPARENT), topic, partition, offset);
        return new ReceivedEvent(event, metadata);
    }

    private static @Nullable Instant instant(@Nullable String time) {
        if (time == null) {
            return null;
        }
        try {
            return Instant.parse(time);
        } catch (DateTimeParseException notAnInstant) {
            return null; // ce_time is informative; an odd value is no reason to refuse the event
        }
    }

    private static @Nullable String text(@Nullable Header header) {
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
