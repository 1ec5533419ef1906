package com.example.checkout.relay.streaming;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Tuning of the relay. Where to connect is not here: the database comes from {@code spring.datasource.*} and
 * Kafka from {@code spring.kafka.bootstrap-servers}, the only settings compose and Kubernetes provide.
 *
 * @param slotName the logical replication slot order-service's migration creates; slot names are unique per
 *         Postgres server, so a second source database on the same server needs its own
 * @param pollInterval how long Debezium waits for more changes before handing over a batch; Debezium's 500 ms
 *         default dominates commit-to-topic latency, a few ms keep it near 20 ms
 * @param maxBatchSize the most changes handed to the publisher at once
 * @param heartbeatInterval how often the relay writes {@code relay_heartbeat}, so a quiet outbox still moves the
 *         slot forward and never pins WAL on the database
 * @param offsetFlushInterval how often acknowledged positions are committed to the offsets topic; a crash replays
 *         at most this much (at-least-once), a shorter interval means fewer duplicates after a crash
 * @param offsetsTopic the compacted Kafka topic holding the relay's position in the WAL (created by the relay)
 * @param ordersTopicPartitions partitions of the {@code orders} topic the relay declares on start
 * @param producerLinger how long the producer waits to fill a batch; kept tiny because every batch waits for acks
 * @param leaderLockId the Postgres advisory lock key that elects the one streaming instance
 * @param standbyRetryInterval how often a standby instance tries to take the lock
 * @param leadershipCheckInterval how often the leader checks it still holds the lock (its connection may die)
 * @param restartBackoff pause before a failed engine (database or Kafka unreachable) is started again
 */
@ConfigurationProperties("checkout.relay")
public record RelayProperties(
        @DefaultValue("outbox_relay") String slotName,
        @DefaultValue("5ms") Duration pollInterval,
        @DefaultValue("2048") int maxBatchSize,
        @DefaultValue("10s") Duration heartbeatInterval,
        @DefaultValue("1s") Duration offsetFlushInterval,
        @DefaultValue("outbox-relay.offsets") String offsetsTopic,
        @DefaultValue("3") int ordersTopicPartitions,
        @DefaultValue("1ms") Duration producerLinger,
        @DefaultValue("7242635133937434721") long leaderLockId,
        @DefaultValue("2s") Duration standbyRetryInterval,
        @DefaultValue("5s") Duration leadershipCheckInterval,
        @DefaultValue("5s") Duration restartBackoff) {
}
