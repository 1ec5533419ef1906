package com.example.checkout.relay.streaming;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * What the relay reports to Prometheus for one source (tag {@code source}): how many events it published, how
 * many it parked, and how long each took from its transaction's commit in Postgres to Kafka's acknowledgement
 * (the relay delay consumers see on top of their lag).
 */
public final class RelayMetrics {

    public static final String EVENTS_RELAYED = "relay.events.relayed";
    public static final String EVENTS_PARKED = "relay.events.parked";
    public static final String RELAY_DELAY = "relay.delay";
    public static final String SLOT_RETAINED_WAL = "relay.slot.retained.wal";
    public static final String SLOT_CONFIRMED_FLUSH_LAG = "relay.slot.confirmed.flush.lag";
    public static final String SOURCE_TAG = "source";

    private final Counter relayed;
    private final Counter parked;
    private final Timer delay;
    private final Clock clock;
    private final AtomicLong retainedWal = new AtomicLong(-1);
    private final AtomicLong confirmedFlushLag = new AtomicLong(-1);

    RelayMetrics(MeterRegistry registry, Clock clock, String source) {
        this.clock = clock;
        // -1 until the slot was seen: "unknown" must not read as "nothing retained".
        Gauge.builder(SLOT_RETAINED_WAL, retainedWal, AtomicLong::get)
                .description("WAL the source's replication slot makes Postgres keep (current LSN - restart_lsn)")
                .baseUnit("bytes").tag(SOURCE_TAG, source).register(registry);
        Gauge.builder(SLOT_CONFIRMED_FLUSH_LAG, confirmedFlushLag, AtomicLong::get)
                .description("WAL written since the relay last confirmed (current LSN - confirmed_flush_lsn)")
                .baseUnit("bytes").tag(SOURCE_TAG, source).register(registry);
        this.relayed = Counter.builder(EVENTS_RELAYED)
                .description("Outbox events published to Kafka and acknowledged")
                .tag(SOURCE_TAG, source)
                .register(registry);
        this.parked = Counter.builder(EVENTS_PARKED)
                .description("Outbox rows that could not be published and were parked in outbox_dead_letter")
                .tag(SOURCE_TAG, source)
                .register(registry);
        this.delay = Timer.builder(RELAY_DELAY)
                .description("Time from the outbox row's commit to Kafka's acknowledgement of its record")
                .tag(SOURCE_TAG, source)
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

    void parked() {
        parked.increment();
    }

    void slot(ReplicationSlotCheck.SlotStatus slot) {
        retainedWal.set(slot.retainedWalBytes());
        confirmedFlushLag.set(slot.confirmedFlushLagBytes());
    }
}
