package com.example.checkout.relay.streaming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import com.example.checkout.events.EventJson;
import com.example.checkout.events.OrderPlaced;
import com.example.checkout.events.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Prints the relay's commit-to-topic latency; asserts nothing about time (the machine decides that). Not part of
 * the default build; run it with
 * {@code ./mvnw -pl outbox-relay -am verify -Dit.test=RelayLatencyBenchmark -Dtest=None -Dsurefire.failIfNoSpecifiedTests=false}.
 *
 * <p>Outbox rows are committed straight into the outbox, one transaction every few milliseconds, so the numbers
 * are the relay's alone (WAL decoding, Debezium's poll interval, the producer's acks) and not the checkout's.
 */
class RelayLatencyBenchmark extends RelayOnOrdersDatabase {

    private static final int WARM_UP = 200;
    private static final int EVENTS = 1_000;
    private static final Duration PACE = Duration.ofMillis(5);

    @Autowired
    JdbcClient ordersDatabase;

    @Autowired
    MeterRegistry meters;

    @Test
    void printsCommitToTopicLatency() throws Exception {
        await().atMost(Duration.ofSeconds(60)).until(() -> relay.state().phase() == RelayState.Phase.RUNNING);
        Map<String, Long> receivedAt = new ConcurrentHashMap<>();
        AtomicBoolean receiving = new AtomicBoolean(true);
        Thread receiver = Thread.ofPlatform().name("benchmark-receiver").start(() -> {
            while (receiving.get()) {
                for (var record : ordersTopic.poll()) {
                    receivedAt.putIfAbsent(record.key(), System.nanoTime());
                }
            }
        });
        try {
            // Warm-up: producer metadata, consumer assignment, JIT; not measured.
            commitAndReceive(WARM_UP, receivedAt);
            long[] latencies = commitAndReceive(EVENTS, receivedAt);
            System.out.printf("Relay benchmark, %d outbox rows committed one every %d ms: commit -> consumer "
                    + "p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms%n", EVENTS, PACE.toMillis(),
                    ms(latencies, 0.50), ms(latencies, 0.90), ms(latencies, 0.99),
                    millis(latencies[latencies.length - 1]));
        } finally {
            receiving.set(false);
            receiver.join();
        }
        List<String> relayDelay = new ArrayList<>();
        for (ValueAtPercentile percentile : meters.timer(RelayMetrics.RELAY_DELAY).takeSnapshot().percentileValues()) {
            relayDelay.add("p%.0f %.1f ms".formatted(percentile.percentile() * 100,
                    percentile.value(TimeUnit.MILLISECONDS)));
        }
        System.out.println("Relay's own relay.delay timer (commit -> Kafka ack, warm-up included): "
                + String.join(", ", relayDelay));
    }

    /** Commits {@code count} outbox rows at the pace and returns their commit-to-receipt latencies, sorted. */
    private long[] commitAndReceive(int count, Map<String, Long> receivedAt) {
        Map<String, Long> committedAt = new ConcurrentHashMap<>();
        AtomicInteger committed = new AtomicInteger();
        try (ScheduledExecutorService writer = Executors.newSingleThreadScheduledExecutor()) {
            writer.scheduleAtFixedRate(() -> {
                if (committed.get() < count) {
                    String orderId = commitOutboxRow();
                    committedAt.put(orderId, System.nanoTime());
                    committed.incrementAndGet();
                }
            }, 0, PACE.toNanos(), TimeUnit.NANOSECONDS);
            await().atMost(Duration.ofMinutes(2)).until(() -> committed.get() == count
                    && receivedAt.keySet().containsAll(committedAt.keySet()));
        }
        long[] latencies = committedAt.entrySet().stream()
                .mapToLong(commit -> receivedAt.get(commit.getKey()) - commit.getValue())
                .sorted().toArray();
        assertThat(latencies).hasSize(count);
        return latencies;
    }

    private String commitOutboxRow() {
        UUID orderId = UUID.randomUUID();
        OrderPlaced event = new OrderPlaced(orderId, "benchmark", "benchmark@example.com",
                List.of(new OrderPlaced.OrderLine("SKU-BENCH", "Benchmark item", 1, 100)), 100, "EUR",
                Instant.now());
        ordersDatabase.sql("""
                INSERT INTO outbox (id, aggregate_type, aggregate_id, event_type, payload)
                VALUES (?, ?, ?, ?, ?::jsonb)""")
                .params(UUID.randomUUID(), Topics.ORDERS, orderId.toString(), OrderPlaced.TYPE, EventJson.write(event))
                .update();
        return orderId.toString();
    }

    private static double ms(long[] sortedNanos, double percentile) {
        int index = (int) Math.ceil(percentile * sortedNanos.length) - 1;
        return millis(sortedNanos[Math.max(0, index)]);
    }

    private static double millis(long nanos) {
        return nanos / 1_000_000.0;
    }
}
