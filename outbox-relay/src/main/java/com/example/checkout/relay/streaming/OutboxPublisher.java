package com.example.checkout.relay.streaming;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

import com.example.checkout.relay.streaming.OutboxEventRouting.Routed;
import io.debezium.engine.ChangeEvent;
import io.debezium.engine.DebeziumEngine;
import io.micrometer.tracing.Span;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.connect.source.SourceRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes each batch of changes the engine hands over and tells the engine a change is processed only after
 * Kafka acknowledged its record ({@code acks=all}) or the row was parked: the engine commits offsets of processed
 * changes only, so a crash at any point streams the unacknowledged rows again. At least once; the consumers
 * deduplicate on {@code ce_id}.
 *
 * <p>A row that can never be published (see {@link ParkedEvents#isPoison} and {@link OutboxRow#problem}) is parked
 * in its source database and the stream goes on; a failure that is not the row's (Kafka or the database
 * unreachable) fails the batch, and the relay restarts the engine from the last committed offset.
 *
 * <p>One instance per engine run, called by the engine's one polling thread.
 */
final class OutboxPublisher implements DebeziumEngine.ChangeConsumer<ChangeEvent<SourceRecord, SourceRecord>> {

    private static final Logger log = LoggerFactory.getLogger(OutboxPublisher.class);

    private final Producer<String, String> producer;
    private final OutboxEventRouting routing;
    private final ParkedEvents parked;
    private final RelayMetrics metrics;
    private final RelayTracing tracing;
    private final String source;

    OutboxPublisher(Producer<String, String> producer, OutboxEventRouting routing, ParkedEvents parked,
            RelayMetrics metrics, RelayTracing tracing, String source) {
        this.producer = producer;
        this.routing = routing;
        this.parked = parked;
        this.metrics = metrics;
        this.tracing = tracing;
        this.source = source;
    }

    @Override
    public void handleBatch(List<ChangeEvent<SourceRecord, SourceRecord>> changes,
            DebeziumEngine.RecordCommitter<ChangeEvent<SourceRecord, SourceRecord>> committer) throws InterruptedException {
        // Send the whole batch first and wait afterwards: the producer pipelines it, and with idempotence
        // on, the records of one partition still land in order.
        List<Pending> batch = new ArrayList<>(changes.size());
        for (ChangeEvent<SourceRecord, SourceRecord> change : changes) {
            Routed routed = routing.route(change.value());
            if (routed instanceof Routed.Publish publish) {
                Span span = tracing.sending(publish.record());
                batch.add(new Pending(change, routed, send(publish), span));
            } else {
                batch.add(new Pending(change, routed, null, null));
            }
        }
        for (Pending pending : batch) {
            switch (pending.routed()) {
                case Routed.Publish publish -> {
                    Throwable poison = awaitAck(pending);
                    if (poison == null) {
                        metrics.relayed(publish.committedAt());
                    } else {
                        park(publish.row(), ParkedEvents.reasonFor(poison));
                    }
                }
                case Routed.Park park -> park(park.row(), park.reason());
                case Routed.Skip skip -> {
                }
            }
            committer.markProcessed(pending.change());
        }
        committer.markBatchFinished();
    }

    @Override
    public boolean supportsTombstoneEvents() {
        return false;
    }

    private Future<RecordMetadata> send(Routed.Publish publish) {
        try {
            return producer.send(publish.record());
        } catch (KafkaException e) {
            if (ParkedEvents.isPoison(e)) {
                return CompletableFuture.failedFuture(e);
            }
            throw e;
        }
    }

    private void park(OutboxRow row, String reason) {
        parked.park(row, reason);
        metrics.parked();
        log.error("Parked outbox row {} of source {} in {}: {}", row.id(), source, ParkedEvents.TABLE, reason);
    }

    /** Waits for Kafka's ack; the failure when it is the record's own fault, to park the row. */
    private Throwable awaitAck(Pending pending) throws InterruptedException {
        try {
            tracing.acknowledged(pending.span(), pending.ack().get());
            return null;
        } catch (ExecutionException e) {
            tracing.failed(pending.span(), e.getCause());
            if (ParkedEvents.isPoison(e.getCause())) {
                return e.getCause();
            }
            // The producer has already retried for delivery.timeout.ms; the engine stops and the relay restarts
            // it from the last committed offset.
            throw new KafkaSendFailed(e.getCause());
        }
    }

    private record Pending(ChangeEvent<SourceRecord, SourceRecord> change, Routed routed, Future<RecordMetadata> ack,
                           Span span) {
    }

    /** Kafka did not acknowledge a record; the batch's remaining changes stay uncommitted. */
    static final class KafkaSendFailed extends RuntimeException {

        KafkaSendFailed(Throwable cause) {
            super("Kafka did not acknowledge an outbox record: " + cause.getMessage(), cause);
        }
    }
}
