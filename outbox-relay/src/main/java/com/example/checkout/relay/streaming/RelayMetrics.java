package com.example.checkout.relay.streaming;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * What the relay reports to Prometheus: how many events it published and how long each took from its
 * transaction's commit in Postgres to Kafka's acknowledgement (the relay delay consumers see on top of their lag).
 */
public final class RelayMetrics {

    public static final String EVENTS_RELAYED = "relay.events.relayed";
    public static final String RELAY_DELAY = "relay.delay";

    private final Counter relayed;
    private final Timer delay;
    private final Clock clock;

    RelayMetrics(MeterRegistry registry, Clock clock) {
        this.clock = clock;
        this.relayed = Counter.builder(EVENTS_RELAYED)
                .description("Outbox events published to Kafka and acknowledged")
                .register(registry);
        this.delay = Timer.builder(RELAY_DELAY)
                .description("Time from the outbox row's commit to Kafka's acknowledgement of its record")
                .publishPercentiles(0.5, 0.99)
                .publishPercentileHistogram()
                .register(registry);
    }

    void relayed(Instant committedAt) {
        relayed.increment();
        Duration sinceCommit = Duration.between(committedAt, clock.instant());
        // The commit time comes from the database server's clock; a skewed clock must not record negative delays.
        delay.record(sinceCommit.isNegative() ? Duration.ZERO : sinceCommit);
    }
}
