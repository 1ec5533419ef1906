package com.example.checkout.relay.streaming;

import java.nio.charset.StandardCharsets;

import com.example.checkout.events.EventHeaders;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A "send" span per relayed record (OpenTelemetry messaging conventions), from the producer's send to Kafka's
 * acknowledgement.
 *
 * <p>Its <em>parent</em> is the outbox row's trace context (the order service's "create" span), not a link: the
 * relay publishes each message on its own, so the span is part of that one message's journey, and the checkout's
 * trace runs on unbroken to the consumers. (The conventions link a send span to the creation contexts when one
 * send carries a batch of messages; a Kafka batch of records here is still one span per record.) The record's
 * {@code traceparent} header is then replaced by this span's context, as an instrumented producer does, so the
 * consumers' spans are children of the relay's. A row without a trace context starts a new trace.
 */
final class RelayTracing {

    private static final Logger log = LoggerFactory.getLogger(RelayTracing.class);

    private final Tracer tracer;
    private final Propagator propagator;

    RelayTracing(Tracer tracer, Propagator propagator) {
        this.tracer = tracer;
        this.propagator = propagator;
    }

    /** Starts the record's send span and writes its context into the record's headers. */
    Span sending(ProducerRecord<String, String> record) {
        Span span = propagator.extract(record.headers(), RelayTracing::header)
                .name("send " + record.topic())
                .kind(Span.Kind.PRODUCER)
                .tag("messaging.system", "kafka")
                .tag("messaging.operation.name", "send")
                .tag("messaging.operation.type", "send")
                .tag("messaging.destination.name", record.topic())
                .tag("messaging.message.id", String.valueOf(header(record.headers(), EventHeaders.ID)))
                .tag("messaging.kafka.message.key", String.valueOf(record.key()))
                .start();
        propagator.inject(span.context(), record.headers(), (headers, key, value) -> {
            headers.remove(key);
            headers.add(key, value.getBytes(StandardCharsets.UTF_8));
        });
        return span;
    }

    void acknowledged(Span span, RecordMetadata ack) {
        span.tag("messaging.destination.partition.id", String.valueOf(ack.partition()));
        span.tag("messaging.kafka.offset", ack.offset());
        try (Tracer.SpanInScope scope = tracer.withSpan(span)) {
            log.debug("Relayed an outbox event to {}-{}@{}", ack.topic(), ack.partition(), ack.offset());
        }
        span.end();
    }

    void failed(Span span, Throwable failure) {
        span.error(failure);
        span.end();
    }

    private static String header(Headers headers, String key) {
        Header header = headers.lastHeader(key);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
