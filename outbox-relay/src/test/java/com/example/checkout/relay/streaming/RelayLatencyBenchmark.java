package com.example.checkout.relay.streaming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Prints the relay's commit-to-topic latency for checkouts through order-service's real {@code POST /checkout};
 * asserts nothing about time (the machine decides that). Not part of the default build; how to run it is in the
 * module's README.
 *
 * <p>Two views of one run: the client's, from the {@code 201} (sent right after the order's transaction committed)
 * to a plain consumer holding the record; and the relay's own {@code relay.delay} timer, from the commit time in
 * the WAL to Kafka's acknowledgement.
 */
class RelayLatencyBenchmark extends RelayOnOrdersDatabase {

    private static final int WARM_UP = 50;
    private static final int CHECKOUTS = 200;
    private static final Duration PACE = Duration.ofMillis(20);

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
            // Warm-up: producer metadata, consumer assignment, JIT in both services; not measured.
            checkoutAndReceive(WARM_UP, receivedAt);
            long[] latencies = checkoutAndReceive(CHECKOUTS, receivedAt);
            System.out.printf("Relay benchmark, %d checkouts (POST /checkout, one every %d ms): 201 -> consumer "
                    + "p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms%n", CHECKOUTS, PACE.toMillis(),
                    ms(latencies, 0.50), ms(latencies, 0.90), ms(latencies, 0.99),
                    millis(latencies[latencies.length - 1]));
        } finally {
            receiving.set(false);
            receiver.join();
        }
        // The figures printed are what they say: the relay's timer saw at least this run's records, and has
        // percentiles to print. How large they are is the machine's, not asserted.
        var relayTimer = meters.get(RelayMetrics.RELAY_DELAY).tag(RelayMetrics.SOURCE_TAG, RelaySource.ORDERS).timer();
        assertThat(relayTimer.count()).isGreaterThanOrEqualTo(WARM_UP + CHECKOUTS);
        ValueAtPercentile[] percentiles = relayTimer.takeSnapshot().percentileValues();
        assertThat(percentiles).isNotEmpty();
        List<String> relayDelay = new ArrayList<>();
        for (ValueAtPercentile percentile : percentiles) {
            relayDelay.add("p%.0f %.1f ms".formatted(percentile.percentile() * 100,
                    percentile.value(TimeUnit.MILLISECONDS)));
        }
        System.out.println("Relay's own relay.delay timer (WAL commit -> Kafka ack, warm-up included): "
                + String.join(", ", relayDelay));
    }

    /**
     * Places {@code count} orders at the pace and returns, sorted, the time from each {@code 201} to the consumer
     * holding its record (negative when the record was there before the response).
     */
    private long[] checkoutAndReceive(int count, Map<String, Long> receivedAt) {
        Map<String, Long> answeredAt = new ConcurrentHashMap<>();
        AtomicInteger placed = new AtomicInteger();
        try (ScheduledExecutorService shopper = Executors.newSingleThreadScheduledExecutor()) {
            shopper.scheduleAtFixedRate(() -> {
                if (placed.get() < count) {
                    String orderId = orderService.placeOrder();
                    answeredAt.put(orderId, System.nanoTime());
                    placed.incrementAndGet();
                }
            }, 0, PACE.toNanos(), TimeUnit.NANOSECONDS);
            await().atMost(Duration.ofMinutes(2)).until(() -> placed.get() == count
                    && receivedAt.keySet().containsAll(answeredAt.keySet()));
        }
        long[] latencies = answeredAt.entrySet().stream()
                .mapToLong(answer -> receivedAt.get(answer.getKey()) - answer.getValue())
                .sorted().toArray();
        assertThat(latencies).hasSize(count);
        return latencies;
    }

    private static double ms(long[] sortedNanos, double percentile) {
        int index = (int) Math.ceil(percentile * sortedNanos.length) - 1;
        return millis(sortedNanos[Math.max(0, index)]);
    }

    private static double millis(long nanos) {
        return nanos / 1_000_000.0;
    }
}
