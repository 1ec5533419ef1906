package com.example.checkout.inventory.outbox;

import java.util.UUID;

import com.example.checkout.events.CheckoutEvent;
import com.example.checkout.events.EventJson;
import com.example.checkout.events.Topics;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Appends inventory's outcome events to its outbox, for topic {@value Topics#INVENTORY}. Only inside the
 * reservation's transaction (MANDATORY): the outcome is published if and only if the reservation committed, and the
 * event's "processed" mark commits with both — a redelivered OrderPlaced neither reserves nor publishes again.
 */
@Component
public class OutboxEventWriter {

    private final JdbcClient database;

    OutboxEventWriter(JdbcClient database) {
        this.database = database;
    }

    /**
     * @param traceparent the trace context of the event that caused this one, so the trace continues
     * @return the event id ({@code ce_id})
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public UUID append(CheckoutEvent event, @Nullable String traceparent) {
        UUID id = UUID.randomUUID();
        database.sql("""
                        INSERT INTO outbox (id, aggregate_type, aggregate_id, event_type, payload, traceparent)
                        VALUES (:id, :topic, :key, :type, :payload::jsonb, :traceparent)""")
                .param("id", id)
                .param("topic", Topics.INVENTORY)
                .param("key", event.subject())
                .param("type", event.type())
                .param("payload", EventJson.write(event))
                .param("traceparent", traceparent)
                .update();
        return id;
    }
}
