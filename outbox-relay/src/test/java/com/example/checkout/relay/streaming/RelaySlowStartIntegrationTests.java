package com.example.checkout.relay.streaming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import com.example.checkout.infrastructure.PostgresServer;
import com.example.checkout.infrastructure.SharedInfrastructure;
import com.example.checkout.relay.leadership.LeaderLock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * A relay whose start, after it took the leader lock, takes longer than the lease (a cold JVM next to ten other
 * containers on two cores: seen in compose after every relay restart, once per source) keeps the lock's session and
 * streams from its first run. Before the lock renewed itself, Postgres ended the session under the starting relay,
 * whose first leadership check then stopped the engine it had just started.
 */
class RelaySlowStartIntegrationTests {

    private static final Duration LEASE = Duration.ofSeconds(2);
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private final PostgresServer postgres = SharedInfrastructure.get().postgres();
    private final String kafka = SharedInfrastructure.get().kafka().bootstrapServers();

    @Test
    void aStartLongerThanTheLeaseKeepsTheLockSessionAndStreams() {
        // given a relay whose preflight takes twice the lease once it holds the lock
        OtherSourceDatabase database = new OtherSourceDatabase("relay_slow_start");
        RelayProperties properties = new Binder(new MapConfigurationPropertySource(Map.of(
                "checkout.relay.leader-lease", LEASE.toString(),
                "checkout.relay.leadership-check-interval", "500ms",
                "checkout.relay.restart-backoff", "500ms",
                "checkout.relay.offset-flush-interval", "200ms")))
                .bindOrCreate("checkout.relay", RelayProperties.class);
        RelaySource source = new RelaySource("slow_start",
                SourceDatabase.from(database.jdbcUrl(), postgres.username(), postgres.password()),
                database.slotName(), RelaySource.DEFAULT_PUBLICATION, properties.leaderLockId(),
                "outbox-relay.slow-start.offsets", "/checkout/slow-start", Set.of(database.topic()),
                "outbox-relay-slow-start", "slow_start");
        JdbcClient sql = database.sql();
        AtomicInteger preflights = new AtomicInteger();
        AtomicReference<Integer> firstLockSession = new AtomicReference<>();
        Runnable slowPreflight = () -> {
            preflights.incrementAndGet();
            Instant lockedAt = Instant.now();
            Integer session = lockHolder(sql, properties.leaderLockId()).orElseThrow();
            firstLockSession.compareAndSet(null, session);
            // As slow as a cold start on a loaded machine; no need to go on once Postgres ended the session.
            await().atMost(LEASE.multipliedBy(4)).pollInterval(Duration.ofMillis(100))
                    .until(() -> lockHolder(sql, properties.leaderLockId()).isEmpty()
                            || Instant.now().isAfter(lockedAt.plus(LEASE.multipliedBy(2))));
            new ReplicationSlotCheck(source).run();
            new KafkaAdmin(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka))
                    .createOrModifyTopics(TopicBuilder.name(database.topic()).partitions(1).build());
        };
        OutboxRelay relay = new OutboxRelay(source, EngineSettings.forOutbox(source, kafka, properties),
                () -> new KafkaProducer<>(Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka,
                        ProducerConfig.ACKS_CONFIG, "all",
                        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                        ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                        ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class)),
                slowPreflight,
                new LeaderLock(source.database().jdbcUrl(), postgres.username(), postgres.password(),
                        properties.leaderLockId(), LEASE),
                new ParkedEvents(source),
                new RelayMetrics(new SimpleMeterRegistry(), Clock.systemUTC(), source.name()),
                new RelayTracing(Tracer.NOOP, Propagator.NOOP),
                properties);
        try (OrdersTopic topic = new OrdersTopic(kafka, database.topic())) {
            // when
            relay.start();

            // then the first run streams, on the session that took the lock
            await().atMost(PATIENCE).until(() -> relay.state().phase() == RelayState.Phase.RUNNING);
            assertThat(preflights).hasValue(1);
            assertThat(lockHolder(sql, properties.leaderLockId())).contains(firstLockSession.get());
            String aggregateId = database.writeEvent();
            await().atMost(PATIENCE).until(() -> !topic.eventsOf(List.of(aggregateId)).isEmpty());
            assertThat(relay.state().phase()).isEqualTo(RelayState.Phase.RUNNING);
            assertThat(lockHolder(sql, properties.leaderLockId())).contains(firstLockSession.get());
        } finally {
            relay.stop();
            relay.close();
        }
    }

    /** The backend holding the advisory lock {@code lockId} on this database (a bigint key: class and object id). */
    private static Optional<Integer> lockHolder(JdbcClient sql, long lockId) {
        return sql.sql("""
                SELECT pid FROM pg_locks
                WHERE locktype = 'advisory' AND granted
                  AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
                  AND ((classid::bigint << 32) | objid::bigint) = ?""")
                .param(lockId).query(Integer.class).optional();
    }
}
