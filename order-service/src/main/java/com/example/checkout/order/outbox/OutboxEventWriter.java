package com.example.checkout.order.outbox;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import com.example.checkout.events.CheckoutEvent;
import com.example.checkout.events.EventHeaders;
import com.example.checkout.events.EventJson;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Appends an event to the outbox. It only runs inside the use case's transaction (MANDATORY): an event written in
 * a transaction of its own could be published for an order that was rolled back, or lost for one that was not.
 *
 * <p>Each append is the message's "create" span (OpenTelemetry messaging conventions), a child of the request's
 * span; its W3C context goes into the row's {@code traceparent} column, which the relay continues. So the trace of
 * {@code POST /checkout} carries on through Kafka to every consumer.
 */
@Component
public class OutboxEventWriter {

    private static final Logger log = LoggerFactory.getLogger(OutboxEventWriter.class);

    private final JdbcClient database;
    private final Tracer tracer;
    private final Propagator propagator;

    OutboxEventWriter(JdbcClient database, Tracer tracer, Propagator propagator) {
        this.database = database;
        this.tracer = tracer;
        this.propagator = propagator;
    }

    /**
     * @param aggregateType the topic the relay routes the event to
     * @return the event id ({@code ce_id})
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public UUID append(CheckoutEvent event, String aggregateType) {
        UUID id = UUID.randomUUID();
        Span create = tracer.spanBuilder()
                .name("create " + aggregateType)
                .kind(Span.Kind.PRODUCER)
                .tag("messaging.system", "kafka")
                .tag("messaging.operation.name", "create")
                .tag("messaging.operation.type", "create")
                .tag("messaging.destination.name", aggregateType)
                .tag("messaging.message.id", id.toString())
                .tag("messaging.kafka.message.key", event.subject())
                .start();
        try (Tracer.SpanInScope scope = tracer.withSpan(create)) {
            Map<String, String> traceContext = new HashMap<>();
            propagator.inject(create.context(), traceContext, Map::put);
            database.sql("""
                            INSERT INTO outbox (id, aggregate_type, aggregate_id, event_type, payload, traceparent)
                            VALUES (:id, :aggregateType, :aggregateId, :eventType, :payload::jsonb, :traceparent)""")
                    .param("id", id)
                    .param("aggregateType", aggregateType)
                    .param("aggregateId", event.subject())
                    .param("eventType", event.type())
                    .param("payload", EventJson.write(event))
                    .param("traceparent", traceContext.get(EventHeaders.TRACEPARENT))
                    .update();
            log.debug("Appended {} {} for {} to the outbox", event.type(), id, event.subject());
            return id;
        } catch (RuntimeException e) {
            create.error(e);
            throw e;
        } finally {
            create.end();
        }
    }
}
