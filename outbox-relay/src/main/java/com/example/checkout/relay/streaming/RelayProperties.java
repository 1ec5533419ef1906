package com.example.checkout.relay.streaming;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Tuning of the relay, and the source databases it streams. The first source, {@code orders}, is read from
 * {@code spring.datasource.*} with the top-level keys below (the settings compose and Kubernetes have always
 * provided); each entry of {@link #sources()} adds one more source database, e.g. inventory's outbox.
 *
 * @param slotName the {@code orders} source's logical replication slot, created by order-service's migration;
 *         slot names are unique per Postgres server, so every source needs its own
 * @param pollInterval how long Debezium waits for more changes before handing over a batch; Debezium's 500 ms
 *         default dominates commit-to-topic latency, a few ms keep it near 20 ms
 * @param maxBatchSize the most changes handed to the publisher at once
 * @param heartbeatInterval how often the relay writes {@code relay_heartbeat}, so a quiet outbox still moves the
 *         slot forward and never pins WAL on the database
 * @param offsetFlushInterval how often acknowledged positions are committed to the offsets topic; a crash replays
 *         at most this much (at-least-once), a shorter interval means fewer duplicates after a crash
 * @param offsetsTopic the {@code orders} source's compacted Kafka topic holding its position in the WAL
 * @param ordersTopicPartitions partitions of the topics the relay declares on start
 * @param producerLinger how long the producer waits to fill a batch; kept tiny because every batch waits for acks
 * @param leaderLockId the Postgres advisory lock key that elects the one streaming instance of a source
 *         (advisory locks are per database, so sources on different databases may share it)
 * @param standbyRetryInterval how often a standby instance tries to take the lock
 * @param leadershipCheckInterval how often the leader checks (and so also renews) its lock session; with the
 *         validation's 2 s it must stay below {@code leaderLease}, so a leader notices a lost lease before a standby
 *         can start
 * @param leaderLease how long Postgres keeps a leader's lock session that has gone silent (its host died, the
 *         network dropped it without a FIN) before ending it and so freeing the lock: the session's
 *         {@code idle_session_timeout}, renewed by the lock's own thread every third of it from the moment it is
 *         taken (the start after it can take longer than the lease), and by every leadership check
 * @param restartBackoff pause before a failed engine (database or Kafka unreachable) is started again
 * @param slotFailover make each source's slot a failover slot (Postgres 17+) before streaming from it, so that a
 *         standby kept in step (CloudNativePG's {@code synchronizeLogicalDecoding}) has the slot, at the position the
 *         relay confirmed, when it is promoted. Off by default: a single server (demo, compose) has no standby
 * @param ordersEnabled whether the {@code orders} source is streamed; off for a relay deployment that streams
 *         only the additional sources
 * @param sources the additional source databases, by name
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
        @DefaultValue("3s") Duration leadershipCheckInterval,
        @DefaultValue("15s") Duration leaderLease,
        @DefaultValue("5s") Duration restartBackoff,
        @DefaultValue("false") boolean slotFailover,
        @DefaultValue("true") boolean ordersEnabled,
        Map<String, Source> sources) {

    public RelayProperties {
        // In the order configured: logs and health list the sources so.
        sources = sources == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(sources));
    }

    /**
     * One more source database with its own outbox table, publication, slot, offsets and leader lock
     * ({@code checkout.relay.sources.<name>.*}, env {@code CHECKOUT_RELAY_SOURCES_<NAME>_*}). Only {@code url}
     * and {@code slot-name} have no default.
     *
     * @param url {@code jdbc:postgresql://host[:port]/database} of the source
     * @param username defaults to {@code spring.datasource.username}
     * @param password defaults to {@code spring.datasource.password}
     * @param slotName its logical replication slot (pgoutput), created by the owning service's migration
     * @param publication its publication of {@code outbox} and {@code relay_heartbeat}
     * @param leaderLockId defaults to the top-level {@code leader-lock-id}
     * @param offsetsTopic defaults to {@code outbox-relay.<name>.offsets}
     * @param eventSource the {@code ce_source} of its events, e.g. {@code /checkout/inventory-service}
     * @param topics the topics its rows may route to ({@code aggregate_type}); a row naming another is parked.
     *         Declared by the relay at each engine start. Defaults to the source's name
     */
    public record Source(
            String url,
            String username,
            String password,
            String slotName,
            @DefaultValue("outbox_publication") String publication,
            Long leaderLockId,
            String offsetsTopic,
            String eventSource,
            List<String> topics) {
    }
}
