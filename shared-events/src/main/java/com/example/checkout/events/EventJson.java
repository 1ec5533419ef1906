package com.example.checkout.events;

import java.nio.charset.StandardCharsets;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one JSON mapping of events, used by the writer (the outbox) and every reader, so both sides agree on
 * dates, unknown fields and nulls without each service configuring its own mapper.
 */
public final class EventJson {

    private static final JsonMapper MAPPER = JsonMapper.builder()
            // Tolerant reader: a newer producer may add optional fields.
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    private EventJson() {
    }

    public static String write(CheckoutEvent event) {
        return MAPPER.writeValueAsString(event);
    }

    /**
     * Reads an event of a known type.
     *
     * @throws UnreadableEvent when the bytes are not JSON or do not make a valid event; retrying cannot help
     */
    public static <T extends CheckoutEvent> T read(byte[] json, Class<T> type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (JacksonException | IllegalArgumentException | NullPointerException e) {
            throw new UnreadableEvent("not a valid " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    public static <T extends CheckoutEvent> T read(String json, Class<T> type) {
        return read(json.getBytes(StandardCharsets.UTF_8), type);
    }

    /**
     * Reads an event by its {@code ce_type}.
     *
     * @throws UnreadableEvent when the type is unknown or the payload does not make a valid event
     */
    public static CheckoutEvent read(byte[] json, String ceType) {
        Class<? extends CheckoutEvent> type = EventTypes.classOf(ceType)
                .orElseThrow(() -> new UnreadableEvent("unknown event type: " + ceType, null));
        return read(json, type);
    }

    /** An event that can never be processed, however often it is retried: a poison record. */
    public static final class UnreadableEvent extends RuntimeException {

        public UnreadableEvent(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
