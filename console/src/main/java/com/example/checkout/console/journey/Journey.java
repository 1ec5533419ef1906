package com.example.checkout.console.journey;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/** One order and the steps it has gone through so far. */
record Journey(Order order, List<Step> steps) {

    /** Nothing is left to wait for: every step is done, failed or skipped. */
    public boolean complete() {
        return steps.stream().allMatch(step -> step.state() == State.DONE || step.state() == State.FAILED
                || step.state() == State.SKIPPED);
    }

    /** {@code SKIPPED}: will not happen, rightly (no confirmation email once the cancellation went out). */
    enum State { DONE, FAILED, SKIPPED, WAITING, UNKNOWN }

    /**
     * @param at     when the service that did it recorded it; {@code null} while waiting
     * @param detail what it did, in a few words
     */
    record Step(String id, String title, State state, @Nullable Instant at, String detail) {

        /** Milliseconds after the order was placed, for the timeline's "+123 ms". */
        public @Nullable Long millisAfter(Instant placedAt) {
            return at == null ? null : Math.max(0, Duration.between(placedAt, at).toMillis());
        }
    }

    /**
     * What {@code GET /orders/{id}} answers, the fields the console shows.
     *
     * @param timeline what order-service recorded after the placing (stock outcome, refund, confirmed/cancelled)
     * @param traceId  the checkout's trace, which every later step continues; {@code null} when not sampled, past
     *                 retention, or from an order-service that predates it
     */
    record Order(String orderId, String customerId, String email, String status, long totalCents, String currency,
                 Instant placedAt, List<Line> lines, @Nullable String cancellationReason,
                 @Nullable List<TimelineEntry> timeline, @Nullable String traceId) {

        record Line(String sku, String name, int quantity, long unitPriceCents) {
        }

        record TimelineEntry(String step, Instant at, @Nullable String detail) {
        }

        Optional<TimelineEntry> recorded(String step) {
            return timeline == null ? Optional.empty()
                    : timeline.stream().filter(entry -> entry.step().equals(step)).findFirst();
        }
    }
}
