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
 * @param concurrency consumer threads per topic
 * @param retry the non-blocking retry schedule
 */
@ConfigurationProperties("checkout.consumer")
public record ConsumerProperties(@DefaultValue("orders") String topic, @DefaultValue("3") int partitions,
                                 @DefaultValue("1") short replicationFactor, @DefaultValue("1") int concurrency,
                                 @DefaultValue Retry retry) {

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
}
