package com.example.checkout.relay.streaming;

import java.nio.charset.StandardCharsets;
import java.util.Set;

import com.example.checkout.events.EventHeaders;
import com.example.checkout.events.EventTypes;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Struct;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * An outbox row, as a change streamed from the WAL, a parked row or a row read back for a republish carries it;
 * any column may be missing in a bad row. One mapping onto the Kafka record for all three, so a replayed or
 * republished event is byte for byte the one the stream would have sent.
 *
 * @param createdAt {@code created_at} as ISO-8601 with offset, the form Debezium streams it in
 */
record OutboxRow(String id, String aggregateType, String aggregateId, String eventType, String payload,
        String createdAt, String traceparent) {

    static OutboxRow of(Struct after) {
        return new OutboxRow(column(after, "id"), column(after, "aggregate_type"), column(after, "aggregate_id"),
                column(after, "event_type"), column(after, "payload"), column(after, "created_at"),
                column(after, "traceparent"));
    }

    /**
     * Why no consumer could use this row as an event for one of {@code topics}, or null if it is fine: the topic
     * is its {@code aggregate_type}, the key its {@code aggregate_id}, the value its {@code payload}.
     */
    String problem(Set<String> topics) {
        if (aggregateType == null || aggregateType.isBlank()) {
            return "missing aggregate_type (the topic to route to)";
        }
        if (!topics.contains(aggregateType)) {
            return "topic '" + aggregateType + "' is not one this source may write to " + topics.stream().sorted()
                    .toList();
        }
        if (eventType == null || eventType.isBlank()) {
            return "missing event_type (ce_type)";
        }
        if (EventTypes.classOf(eventType).isEmpty()) {
            return "unknown event_type '" + eventType + "': not a type in shared-events' EventTypes";
        }
        if (aggregateId == null || aggregateId.isBlank()) {
            return "missing aggregate_id (the record key)";
        }
        try {
            if (payload == null || !JsonMapper.shared().readTree(payload).isObject()) {
                return "payload is not a JSON object";
            }
        } catch (JacksonException e) {
            return "payload is not JSON: " + e.getOriginalMessage();
        }
        return null;
    }

    /**
     * The Kafka record consumers read: key = {@code aggregate_id}, value = {@code payload} as written (no envelope),
     * CloudEvents binary-mode headers from the columns ({@code traceparent} only when the row has one).
     *
     * @param eventSource the {@code ce_source} of the source database's events
     */
    ProducerRecord<String, String> toRecord(String eventSource) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(EventHeaders.SPEC_VERSION, utf8(EventHeaders.SPEC_VERSION_VALUE));
        headers.add(EventHeaders.ID, utf8(id));
        headers.add(EventHeaders.TYPE, utf8(eventType));
        headers.add(EventHeaders.SOURCE, utf8(eventSource));
        if (createdAt != null) {
            headers.add(EventHeaders.TIME, utf8(createdAt));
        }
        headers.add(EventHeaders.SUBJECT, utf8(aggregateId));
        headers.add(EventHeaders.CONTENT_TYPE, utf8(EventHeaders.JSON));
        if (traceparent != null) {
            headers.add(EventHeaders.TRACEPARENT, utf8(traceparent));
        }
        return new ProducerRecord<>(aggregateType, null, aggregateId, payload, headers);
    }

    private static String column(Struct row, String name) {
        Field field = row.schema().field(name);
        Object value = field == null ? null : row.get(field);
        return value == null ? null : value.toString();
    }

    private static byte[] utf8(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
