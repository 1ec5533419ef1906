package com.example.checkout.consumer;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import com.example.checkout.events.CheckoutEvent;
import com.example.checkout.events.EventHeaders;
import com.example.checkout.events.EventJson;
import com.example.checkout.events.Topics;

/**
 * Produces any event as the relay does (key = subject, value = the event JSON, the CloudEvents headers and a
 * {@code traceparent}), on any topic: {@code OrderCancelled} on {@code orders}, {@code StockReserved} on
 * {@code inventory}.
 */
public final class EventRecords {

    private EventRecords() {
    }

    /** Produces the event under a new event id and returns that id. */
    public static UUID produce(String bootstrapServers, String topic, CheckoutEvent event) {
        UUID eventId = UUID.randomUUID();
        produce(bootstrapServers, topic, event, eventId);
        return eventId;
    }

    /** Produces the event under the given event id: call twice with one id to deliver a duplicate. */
    public static void produce(String bootstrapServers, String topic, CheckoutEvent event, UUID eventId) {
        produce(bootstrapServers, topic, null, event, eventId);
    }

    /**
     * Produces the event under the given event id onto one partition (null: by its key): the same event id on two
     * partitions reaches two consumers of one group at once.
     */
    public static void produce(String bootstrapServers, String topic, Integer partition, CheckoutEvent event,
                               UUID eventId) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(EventHeaders.SPEC_VERSION, EventHeaders.SPEC_VERSION_VALUE);
        headers.put(EventHeaders.ID, eventId.toString());
        headers.put(EventHeaders.TYPE, event.type());
        headers.put(EventHeaders.SOURCE, Topics.INVENTORY.equals(topic) ? EventHeaders.INVENTORY_SERVICE_SOURCE
                : EventHeaders.ORDER_SERVICE_SOURCE);
        headers.put(EventHeaders.TIME, Instant.now().toString());
        headers.put(EventHeaders.SUBJECT, event.subject());
        headers.put(EventHeaders.CONTENT_TYPE, EventHeaders.JSON);
        headers.put(EventHeaders.TRACEPARENT, "00-" + UUID.randomUUID().toString().replace("-", "") + "-00f067aa0ba902b7-01");
        OrderPlacedRecords.produceRaw(bootstrapServers, topic, partition, event.subject(),
                EventJson.write(event).getBytes(StandardCharsets.UTF_8), headers);
    }
}
