package com.example.checkout.console.overview;

import java.time.Instant;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The system at one moment, as the overview shows it; a {@code null} figure means "not known" (the service did
 * not answer, or nothing happened to measure), which the charts draw as a gap rather than as zero.
 *
 * @param checkoutsPerSecond successful checkouts ({@code 201}) per second since the previous sample
 * @param relayDelayMs       mean time from the outbox row's commit to Kafka's acknowledgement, over the interval
 * @param relayDelayP99Ms    the 99th percentile of that, from the relay's histogram buckets
 * @param groups             per consumer group id
 */
public record Sample(Instant at, boolean orderServiceUp, @Nullable Double checkoutsPerSecond, boolean relayUp,
                     @Nullable Double relayDelayMs, @Nullable Double relayDelayP99Ms, Map<String, Group> groups) {

    /**
     * @param backlog     events relayed to {@code orders} that the group has not finished yet (processed, found
     *                    duplicate or parked): waiting in the topic, in a retry topic, or in flight
     * @param deadLetters records parked on the group's DLT, waiting for a replay
     * @param paused      whether the group paused its consumers for an outage; {@code null} if it does not say
     */
    public record Group(boolean up, @Nullable Long backlog, @Nullable Long deadLetters, @Nullable Boolean paused,
                        @Nullable Double eventsPerSecond) {
    }
}
