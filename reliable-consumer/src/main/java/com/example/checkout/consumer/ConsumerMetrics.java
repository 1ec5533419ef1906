package com.example.checkout.consumer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * {@code checkout.consumer.events{service, outcome}}: processed, duplicate, ignored (another group's business),
 * retried, dead_lettered, replayed. Every record the group takes off its topic ends as exactly one of processed,
 * duplicate, ignored or dead_lettered, so their sum against what was published is the group's backlog.
 */
public class ConsumerMetrics {

    public static final String EVENTS = "checkout.consumer.events";

    private final Counter processed;
    private final Counter duplicate;
    private final Counter ignored;
    private final Counter retried;
    private final Counter deadLettered;
    private final Counter replayed;
    private final Counter parkFailures;

    public ConsumerMetrics(MeterRegistry registry, String service) {
        this.processed = counter(registry, service, "processed");
        this.duplicate = counter(registry, service, "duplicate");
        this.ignored = counter(registry, service, "ignored");
        this.retried = counter(registry, service, "retried");
        this.deadLettered = counter(registry, service, "dead_lettered");
        this.replayed = counter(registry, service, "replayed");
        this.parkFailures = Counter.builder("checkout.consumer.dlt.park.failures")
                .description("DLT records the database could not take, retried in place on the DLT")
                .tag("service", service).register(registry);
    }

    private static Counter counter(MeterRegistry registry, String service, String outcome) {
        return Counter.builder(EVENTS).description("Events by what became of them")
                .tag("service", service).tag("outcome", outcome).register(registry);
    }

    void count(IdempotentProcessor.Outcome outcome) {
        switch (outcome) {
            case PROCESSED -> processed.increment();
            case DUPLICATE -> duplicate.increment();
            case NOT_HANDLED -> ignored.increment();
        }
    }

    void retried() {
        retried.increment();
    }

    public void deadLettered() {
        deadLettered.increment();
    }

    public void replayed() {
        replayed.increment();
    }

    public void parkFailed() {
        parkFailures.increment();
    }
}
