package com.example.checkout.relay.streaming;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import com.example.checkout.events.EventHeaders;
import io.debezium.transforms.outbox.EventRouter;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.header.Header;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * Turns a change of the {@code outbox} table into the Kafka record the consumers read, with Debezium's outbox
 * {@link EventRouter}: the topic is the row's {@code aggregate_type}, the key its {@code aggregate_id}, the value
 * its {@code payload} JSON as it is (no Connect envelope), and the CloudEvents attributes come from the row's
 * columns as headers (docs/architecture.md, "Events").
 *
 * <p>The router is applied here rather than as an engine transform so the change's commit time (from the
 * Debezium envelope, which the router drops) is still at hand to measure the relay delay.
 */
final class OutboxEventRouting implements AutoCloseable {


    /** Outbox column to header; the columns are the ones order-service's migration gives the outbox table. */
    private static final Map<String, String> COLUMN_HEADERS = Map.of(
            "id", EventHeaders.ID,
            "event_type", EventHeaders.TYPE,
            "created_at", EventHeaders.TIME,
            "aggregate_id", EventHeaders.SUBJECT,
            "traceparent", EventHeaders.TRACEPARENT);

    private final EventRouter<SourceRecord> router = new EventRouter<>();
    private final String outboxChanges;

    /**
     * @param changeTopicPrefix Debezium's {@code topic.prefix}: it names a change by its table,
     *         {@code <prefix>.public.outbox}; these names are internal, never published
     */
    OutboxEventRouting(String changeTopicPrefix) {
        this.outboxChanges = changeTopicPrefix + ".public.outbox";
        router.configure(Map.of(
                "route.by.field", "aggregate_type",
                "route.topic.replacement", "${routedByValue}",
                "table.field.event.id", "id",
                "table.field.event.key", "aggregate_id",
                "table.field.event.payload", "payload",
                "table.fields.additional.placement", COLUMN_HEADERS.entrySet().stream()
                        .map(column -> column.getKey() + ":header:" + column.getValue())
                        .collect(Collectors.joining(","))));
    }

    /**
     * The Kafka record for a newly inserted outbox row. Empty for everything else the engine delivers: heartbeats,
     * {@code relay_heartbeat} changes, and deletes of old outbox rows (which publish nothing).
     */
    Optional<OutboxEvent> route(SourceRecord change) {
        if (!outboxChanges.equals(change.topic()) || change.value() == null) {
            return Optional.empty();
        }
        Instant committedAt = Instant.ofEpochMilli(((Struct) change.value()).getStruct("source").getInt64("ts_ms"));
        SourceRecord routed = router.apply(change);
        if (routed == null) {
            return Optional.empty();
        }
        RecordHeaders headers = new RecordHeaders();
        headers.add(EventHeaders.SPEC_VERSION, utf8(EventHeaders.SPEC_VERSION_VALUE));
        headers.add(EventHeaders.SOURCE, utf8(EventHeaders.ORDER_SERVICE_SOURCE));
        headers.add(EventHeaders.CONTENT_TYPE, utf8(EventHeaders.JSON));
        for (Header header : routed.headers()) {
            // The router also adds its own "id" header; ce_id carries the same value.
            if (COLUMN_HEADERS.containsValue(header.key()) && header.value() != null) {
                headers.add(header.key(), utf8(header.value().toString()));
            }
        }
        return Optional.of(new OutboxEvent(
                new ProducerRecord<>(routed.topic(), null, (String) routed.key(), (String) routed.value(), headers),
                committedAt));
    }

    @Override
    public void close() {
        router.close();
    }

    private static byte[] utf8(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }

    /** An outbox row as the Kafka record to send, with the time its transaction committed. */
    record OutboxEvent(ProducerRecord<String, String> record, Instant committedAt) {
    }
}
