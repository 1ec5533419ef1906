package com.example.checkout.consumer.it;

import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import com.example.checkout.consumer.EventHandler;
import com.example.checkout.consumer.EventMetadata;
import com.example.checkout.consumer.NonRetryableEventException;
import com.example.checkout.events.OrderPlaced;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Records one {@code test_effects} row per call. Orders to customers in {@link #rejected} are refused as
 * non-retryable (straight to the DLT); an order to a customer in {@link #held} waits, inside its transaction, until
 * the test {@linkplain #release() releases} it.
 */
@Component
public class RecordingHandler implements EventHandler<OrderPlaced> {

    public static final Set<String> rejected = ConcurrentHashMap.newKeySet();
    public static final Set<String> held = ConcurrentHashMap.newKeySet();
    private static volatile CountDownLatch release = new CountDownLatch(1);
    private static final Duration MAX_HOLD = Duration.ofSeconds(60);

    private final JdbcClient jdbc;

    RecordingHandler(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public static void hold() {
        release = new CountDownLatch(1);
    }

    public static void release() {
        release.countDown();
    }

    @Override
    public Class<OrderPlaced> eventClass() {
        return OrderPlaced.class;
    }

    @Override
    public void handle(OrderPlaced event, EventMetadata metadata) {
        if (rejected.contains(event.email())) {
            throw new NonRetryableEventException("rejected customer " + event.email());
        }
        jdbc.sql("INSERT INTO test_effects (event_id, order_id) VALUES (?, ?)")
                .params(metadata.eventId(), event.orderId()).update();
        if (held.contains(event.email())) {
            try {
                if (!release.await(MAX_HOLD.toSeconds(), TimeUnit.SECONDS)) {
                    throw new IllegalStateException("held for longer than " + MAX_HOLD);
                }
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(interrupted);
            }
        }
    }

    /** Effects recorded for an order. */
    public static long effects(JdbcClient jdbc, UUID orderId) {
        return jdbc.sql("SELECT count(*) FROM test_effects WHERE order_id = ?").param(orderId).query(Long.class).single();
    }
}
