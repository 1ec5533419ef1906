package com.example.checkout.order.outbox;

import java.util.UUID;

import com.example.checkout.events.CheckoutEvent;
import com.example.checkout.events.EventJson;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Appends an event to the outbox. It only runs inside the use case's transaction (MANDATORY): an event written in
 * a transaction of its own could be published for an order that was rolled back, or lost for one that was not.
 */
@Component
public class OutboxEventWriter {

    private final JdbcClient database;

    OutboxEventWriter(JdbcClient database) {
        this.database = database;
    }

    /**
     * @param aggregateType the topic the relay routes the event to
     * @param traceparent   the W3C trace context the consumers continue
     * @return the event id ({@code ce_id})
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public UUID append(CheckoutEvent event, String aggregateType, Traceparent traceparent) {
        UUID id = UUID.randomUUID();
        database.sql("""
                        INSERT INTO outbox (id, aggregate_type, aggregate_id, event_type, payload, traceparent)
                        VALUES (:id, :aggregateType, :aggregateId, :eventType, :payload::jsonb, :traceparent)""")
                .param("id", id)
                .param("aggregateType", aggregateType)
                .param("aggregateId", event.subject())
                .param("eventType", event.type())
                .param("payload", EventJson.write(event))
                .param("traceparent", traceparent.value())
                .update();
        return id;
    }
}
