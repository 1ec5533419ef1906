package com.example.checkout.relay.streaming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import com.example.checkout.infrastructure.PostgresServer;
import com.example.checkout.infrastructure.SharedInfrastructure;
import com.example.checkout.relay.OutboxRelayApplication;
import com.example.checkout.services.SystemService;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A relay that was down while its database wrote more WAL than {@code max_slot_wal_keep_size}: Postgres invalidates
 * the slot ({@code wal_status = lost}), and the relay's health goes DOWN with the recovery in its message.
 *
 * <p>On a Postgres server of its own: the setting is server-wide, and a small one on the shared server would
 * invalidate the other tests' slots too. Its WAL segments are 1 MB (instead of 16), so a few MB of WAL are enough.
 */
class LostReplicationSlotIntegrationTests {

    private static final String SOURCE = "lost";
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @Test
    void aSlotPostgresInvalidatedTakesTheRelayDownWithTheRecoveryInItsHealth() throws IOException {
        try (EmbeddedPostgres server = EmbeddedPostgres.builder()
                .setLocaleConfig("wal-segsize", "1")
                .setServerConfig("wal_level", "logical")
                .setServerConfig("max_slot_wal_keep_size", "2MB")
                .start()) {
            // given a relay streaming a source database on that server
            OtherSourceDatabase database = new OtherSourceDatabase(new OwnServer(server.getPort()), "lost_slot");
            try (ConfigurableApplicationContext context = SpringApplications.run(OutboxRelayApplication.class,
                    OutboxRelayApplication.CONFIG, relayProperties(database))) {
                OutboxRelay relay = context.getBean(OutboxRelays.class).source(SOURCE);
                RelayHealthIndicator health = context.getBean(RelayHealthIndicator.class);
                await().atMost(PATIENCE).until(() -> relay.state().phase() == RelayState.Phase.RUNNING);

                // when the relay stops, and the database writes more WAL than the slot may keep before a checkpoint
                relay.stop();
                database.sql().sql("CREATE TABLE wal_filler (pad text)").update();
                database.sql().sql("INSERT INTO wal_filler SELECT repeat(md5(i::text), 32) FROM generate_series(1, 8000) i")
                        .update();
                await().atMost(PATIENCE).untilAsserted(() -> {
                    database.sql().sql("CHECKPOINT").update();
                    assertThat(database.sql().sql("SELECT wal_status FROM pg_replication_slots WHERE slot_name = ?")
                            .param(database.slotName()).query(String.class).single()).isEqualTo("lost");
                });

                // then its health is DOWN, naming the loss and the recovery
                await().atMost(PATIENCE).untilAsserted(() -> assertDownWithRecovery(health.health(), SOURCE, "wal_status = lost"));
                // and a restart does not stream from the invalidated slot
                relay.start();
                await().atMost(PATIENCE).untilAsserted(() -> {
                    assertThat(relay.state().phase()).isEqualTo(RelayState.Phase.FAILED);
                    assertThat(relay.state().failure()).containsInstanceOf(ReplicationSlotCheck.LostSlot.class);
                });
                assertDownWithRecovery(health.health(), SOURCE, "wal_status = lost");
            }
        }
    }

    /**
     * The relay's health as an operator reads it: DOWN, the source's {@code error} saying what happened and how to
     * recover (drop and create the slot, then republish).
     */
    static void assertDownWithRecovery(Health health, String source, String what) {
        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        Map<?, ?> details = (Map<?, ?>) health.getDetails().get(source);
        assertThat(details.get("status")).isEqualTo("DOWN");
        assertThat((String) details.get("error")).contains(what, "Recovery (relay README, \"slot lost\")",
                "pg_create_logical_replication_slot(", "--republish-since=");
    }

    private static Map<String, Object> relayProperties(OtherSourceDatabase database) {
        Map<String, Object> properties = new LinkedHashMap<>(SharedInfrastructure.get().springProperties(SystemService.RELAY));
        properties.put("server.port", 0);
        // Only this test's source; the shared test context leads the orders source.
        properties.put("checkout.relay.orders-enabled", false);
        properties.put("checkout.relay.leadership-check-interval", "1s");
        database.addAsSource(properties, SOURCE, database.jdbcUrl());
        // A new server each run: its WAL positions mean nothing to a previous run's offsets.
        properties.put("checkout.relay.sources." + SOURCE + ".offsets-topic", "outbox-relay.lost-" + UUID.randomUUID() + ".offsets");
        return properties;
    }

    /** zonky's server as the tests' {@link PostgresServer}: its superuser, trusted on localhost. */
    private record OwnServer(int port) implements PostgresServer {

        @Override
        public String host() {
            return "localhost";
        }
    }
}
