package com.example.checkout.console.journey;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/** One order and the steps it has gone through so far. */
record Journey(Order order, List<Step> steps) {

    /** Nothing is left to wait for: every step is done or failed. */
    public boolean complete() {
        return steps.stream().allMatch(step -> step.state() == State.DONE || step.state() == State.FAILED);
    }

    enum State { DONE, FAILED, WAITING, UNKNOWN }

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

    /** What {@code GET /orders/{id}} answers, the fields the console shows. */
    record Order(String orderId, String customerId, String email, String status, long totalCents, String currency,
                 Instant placedAt, List<Line> lines) {

        record Line(String sku, String name, int quantity, long unitPriceCents) {
        }
    }
}
