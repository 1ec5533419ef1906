package com.example.checkout.consumer;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code checkout.consumer.*}: what the group reads and how it retries. The group id itself is
 * {@code spring.kafka.consumer.group-id}.
 *
 * @param topic the topic the group consumes
 * @param partitions partitions of the retry topics and DLT the group creates (as many as the topic)
 * @param replicationFactor replication of those topics (1 on one machine, 3 on a cluster)
 * @param concurrency consumer threads on the main topic (at most its partitions; the retry topics and the DLT have one)
 * @param retry the non-blocking retry schedule
 * @param deadLetters parking and replaying the group's DLT
 */
@ConfigurationProperties("checkout.consumer")
public record ConsumerProperties(@DefaultValue("orders") String topic, @DefaultValue("3") int partitions,
                                 @DefaultValue("1") short replicationFactor, @DefaultValue("1") int concurrency,
                                 @DefaultValue Retry retry, @DefaultValue DeadLetters deadLetters) {

    /**
     * @param attempts deliveries in total, the first included, before the DLT
     * @param initialInterval delay before the first retry
     * @param multiplier growth of the delay per retry
     * @param maxInterval upper bound of the delay
     * @param jitter random spread added to each delay so that retries of many records do not arrive in lockstep
     */
    public record Retry(@DefaultValue("6") int attempts, @DefaultValue("1s") Duration initialInterval,
                        @DefaultValue("2.0") double multiplier, @DefaultValue("10s") Duration maxInterval,
                        @DefaultValue("200ms") Duration jitter) {
    }

    /**
     * {@code checkout.consumer.dead-letters.*}.
     *
     * @param parkRetryInitialInterval first wait before a DLT record whose parking failed (database down) is parked
     *         again, in place on the DLT consumer: the record is never re-published, so a long outage costs waiting,
     *         not a loop
     * @param parkRetryMaxInterval the cap of that wait (doubling from the first); well under
     *         {@code max.poll.interval.ms}, so the DLT consumer stays in its group while it waits
     * @param replayBatch most records one {@code POST /dlt/replay} replays; the answer says how many remain, so an
     *         operator (or the console) calls again rather than holding one request open for an unbounded backlog
     */
    public record DeadLetters(@DefaultValue("500ms") Duration parkRetryInitialInterval,
                              @DefaultValue("10s") Duration parkRetryMaxInterval,
                              @DefaultValue("100") int replayBatch) {
    }
}
