package com.example.checkout.relay.streaming;

import java.time.Instant;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * Decides what each change the engine delivers becomes: a newly inserted, well-formed outbox row becomes the Kafka
 * record consumers read ({@link OutboxRow#toRecord}); a row no consumer could use is parked with the reason;
 * everything else (heartbeats, {@code relay_heartbeat} changes, deletes of old outbox rows) publishes nothing.
 *
 * <p>The mapping is the row's own rather than Debezium's outbox EventRouter transform: replayed and republished
 * rows, read from tables rather than the WAL, must become exactly the same records, and the change's commit time
 * (which the router drops) is needed to measure the relay delay.
 */
final class OutboxEventRouting {

    private final RelaySource source;
    private final String outboxChanges;

    /**
     * @param source names the change topic ({@code <prefix>.public.outbox}, internal, never published), the
     *         {@code ce_source} of its events and the topics its rows may route to
     */
    OutboxEventRouting(RelaySource source) {
        this.source = source;
        this.outboxChanges = source.changeTopicPrefix() + ".public.outbox";
    }

    Routed route(SourceRecord change) {
        if (!outboxChanges.equals(change.topic()) || !(change.value() instanceof Struct envelope)
                || envelope.schema().field("op") == null || !"c".equals(envelope.getString("op"))) {
            return Routed.SKIP;
        }
        OutboxRow row = OutboxRow.of(envelope.getStruct("after"));
        String problem = row.problem(source.topics());
        if (problem != null) {
            return new Routed.Park(row, problem);
        }
        Instant committedAt = Instant.ofEpochMilli(envelope.getStruct("source").getInt64("ts_ms"));
        return new Routed.Publish(row.toRecord(source.eventSource()), committedAt, row);
    }

    /** What the publisher does with one change. */
    sealed interface Routed {

        Routed SKIP = new Skip();

        /** Not an outbox row to publish; its offset is committed like any other. */
        record Skip() implements Routed {
        }

        /** An outbox row as the Kafka record to send, with the time its transaction committed. */
        record Publish(ProducerRecord<String, String> record, Instant committedAt, OutboxRow row) implements Routed {
        }

        /** An outbox row no consumer could use, to park with the reason instead of publishing. */
        record Park(OutboxRow row, String reason) implements Routed {
        }
    }
}
