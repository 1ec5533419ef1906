package com.example.checkout.consumer;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.example.checkout.events.CheckoutEvent;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.ClassUtils;

/**
 * Runs the service's handler of an event's class at most once per event id: the id is inserted into {@code processed_events} in the
 * same transaction as the handler's effect. A second delivery finds the id and changes nothing. Used by the
 * Kafka listener and by DLT replay alike, so both paths have the same guarantee.
 */
public class IdempotentProcessor {

    public enum Outcome { PROCESSED, DUPLICATE, NOT_HANDLED }

    private static final Logger log = LoggerFactory.getLogger(IdempotentProcessor.class);

    private final Map<Class<?>, EventHandler<?>> handlers = new LinkedHashMap<>();
    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final ConsumerMetrics metrics;

    IdempotentProcessor(List<EventHandler<?>> handlers, JdbcClient jdbc, TransactionTemplate transaction,
                        ConsumerMetrics metrics) {
        if (handlers.isEmpty()) {
            throw new IllegalStateException("A reliable consumer needs at least one EventHandler bean");
        }
        // One handler per event class: two effects of one event would share one "processed" mark.
        for (EventHandler<?> handler : handlers) {
            EventHandler<?> clash = this.handlers.putIfAbsent(handler.eventClass(), handler);
            if (clash != null) {
                throw new IllegalStateException("Two EventHandlers for " + handler.eventClass().getSimpleName() + ": "
                        + clash.getClass().getName() + " and " + handler.getClass().getName());
            }
        }
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.metrics = metrics;
    }

    /** Joins the caller's transaction if there is one (replay marks its dead letter in the same one). */
    public Outcome process(ReceivedEvent received) {
        EventHandler<?> handler = handlers.get(received.event().getClass());
        Outcome outcome;
        if (handler != null && !handler.inEventTransaction()
                && !TransactionSynchronizationManager.isActualTransactionActive()) {
            outcome = processOutsideTransaction(handler, received);
        } else {
            outcome = transaction.execute(status -> processInTransaction(handler, received));
        }
        metrics.count(outcome);
        if (log.isDebugEnabled()) {
            log.debug("{} {} {} by {}", received.metadata().eventType(), received.metadata().eventId(), outcome,
                    handler == null ? "no handler" : ClassUtils.getUserClass(handler).getSimpleName());
        }
        return outcome;
    }

    private Outcome processInTransaction(@Nullable EventHandler<?> handler, ReceivedEvent received) {
        if (handler == null) {
            return Outcome.NOT_HANDLED; // another service's business: acknowledged, nothing to do
        }
        if (record(received) == 0) {
            return Outcome.DUPLICATE;
        }
        handle(handler, received);
        return Outcome.PROCESSED;
    }

    /**
     * The handler guards its own effect (the email service's claim), so a second delivery costs it nothing but its
     * own check: no lookup of the id first, which would be one more database round trip on every first delivery,
     * the common case. The id is recorded after the handler returns; finding it recorded already makes the
     * delivery a duplicate.
     */
    private Outcome processOutsideTransaction(EventHandler<?> handler, ReceivedEvent received) {
        handle(handler, received);
        return record(received) == 0 ? Outcome.DUPLICATE : Outcome.PROCESSED;
    }

    private int record(ReceivedEvent received) {
        return jdbc.sql("INSERT INTO processed_events (event_id, event_type) VALUES (?, ?) ON CONFLICT DO NOTHING")
                .params(received.metadata().eventId(), received.metadata().eventType())
                .update();
    }

    private static <E extends CheckoutEvent> void handle(EventHandler<E> handler, ReceivedEvent received) {
        handler.handle(handler.eventClass().cast(received.event()), received.metadata());
    }
}
