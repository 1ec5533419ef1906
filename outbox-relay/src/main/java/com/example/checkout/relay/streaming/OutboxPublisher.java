package com.example.checkout.relay.streaming;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

import com.example.checkout.relay.streaming.OutboxEventRouting.OutboxEvent;
import io.debezium.engine.ChangeEvent;
import io.debezium.engine.DebeziumEngine;
import io.micrometer.tracing.Span;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * Publishes each batch of changes the engine hands over and tells the engine a change is processed only after
 * Kafka acknowledged its record ({@code acks=all}): the engine commits offsets of processed changes only, so a
 * crash at any point streams the unacknowledged rows again. At least once; the consumers deduplicate on
 * {@code ce_id}.
 *
 * <p>One instance per engine run, called by the engine's one polling thread.
 */
final class OutboxPublisher implements DebeziumEngine.ChangeConsumer<ChangeEvent<SourceRecord, SourceRecord>> {

    private final Producer<String, String> producer;
    private final OutboxEventRouting routing;
    private final RelayMetrics metrics;
    private final RelayTracing tracing;
    private volatile boolean abandoned;

    OutboxPublisher(Producer<String, String> producer, OutboxEventRouting routing, RelayMetrics metrics,
            RelayTracing tracing) {
        this.producer = producer;
        this.routing = routing;
        this.metrics = metrics;
        this.tracing = tracing;
    }

    @Override
    public void handleBatch(List<ChangeEvent<SourceRecord, SourceRecord>> changes,
            DebeziumEngine.RecordCommitter<ChangeEvent<SourceRecord, SourceRecord>> committer) throws InterruptedException {
        // Send the whole batch first and wait afterwards: the producer pipelines it, and with idempotence
        // on, the records of one partition still land in order.
        List<Sent> batch = new ArrayList<>(changes.size());
        for (ChangeEvent<SourceRecord, SourceRecord> change : changes) {
            batch.add(routing.route(change.value())
                    .map(event -> {
                        Span span = tracing.sending(event.record());
                        return new Sent(change, producer.send(event.record()), event.committedAt(), span);
                    })
                    .orElseGet(() -> new Sent(change, null, null, null)));
        }
        for (Sent sent : batch) {
            if (sent.ack() != null) {
                awaitAck(sent);
                metrics.relayed(sent.committedAt());
            }
            // Between Kafka's ack and the offset: where a crash makes the duplicates consumers deduplicate.
            failIfAbandoned();
            committer.markProcessed(sent.change());
        }
        committer.markBatchFinished();
    }

    @Override
    public boolean supportsTombstoneEvents() {
        return false;
    }

    /**
     * Makes the batch in flight (or the next one) fail at its next step without marking anything more as
     * processed: the relay's abrupt stop. Records already sent may reach Kafka; their offsets are not committed,
     * so they are streamed again (a duplicate, never a loss).
     */
    void abandon() {
        abandoned = true;
    }

    private void failIfAbandoned() {
        if (abandoned) {
            throw new BatchAbandoned();
        }
    }

    private void awaitAck(Sent sent) throws InterruptedException {
        try {
            tracing.acknowledged(sent.span(), sent.ack().get());
        } catch (ExecutionException e) {
            tracing.failed(sent.span(), e.getCause());
            // The producer has already retried for delivery.timeout.ms; the engine stops and the relay restarts
            // it from the last committed offset.
            throw new KafkaSendFailed(e.getCause());
        }
    }

    private record Sent(ChangeEvent<SourceRecord, SourceRecord> change, Future<RecordMetadata> ack, Instant committedAt,
                        Span span) {
    }

    /** Kafka did not acknowledge a record; the batch's remaining changes stay uncommitted. */
    static final class KafkaSendFailed extends RuntimeException {

        KafkaSendFailed(Throwable cause) {
            super("Kafka did not acknowledge an outbox record: " + cause.getMessage(), cause);
        }
    }

    /** The relay was stopped abruptly while this batch was in flight. */
    static final class BatchAbandoned extends RuntimeException {

        BatchAbandoned() {
            super("batch abandoned by an abrupt relay stop");
        }
    }
}
