package com.example.checkout.relay.streaming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.example.checkout.events.EventJson;
import com.example.checkout.events.OrderPlaced;
import com.example.checkout.events.Topics;
import com.example.checkout.infrastructure.Infrastructure;
import com.example.checkout.infrastructure.SharedInfrastructure;
import com.example.checkout.relay.OutboxRelayApplication;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * ARCHITECTURE.md's data-loss trap: with {@code snapshot.mode=no_data}, rows committed before the relay's first
 * start are only streamed if the slot existed before them. A database of its own (slot names are per server, so
 * its own slot too), orders written, and only then a relay that has never run before.
 */
class FreshDatabaseIntegrationTests {

    private static final String DATABASE = "orders_fresh";
    private static final String SLOT = "outbox_relay_fresh";

    @Test
    void ordersCommittedBeforeTheRelayHasEverRunAllArrive() {
        // given a fresh orders database with orders in its outbox, and no relay ever started on it
        Infrastructure infrastructure = SharedInfrastructure.get();
        JdbcClient server = JdbcClient.create(dataSource(infrastructure, "postgres"));
        server.sql("CREATE DATABASE " + DATABASE).update();
        JdbcClient fresh = JdbcClient.create(dataSource(infrastructure, DATABASE));
        OutboxContract.create(fresh, SLOT);
        List<String> orderIds = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            orderIds.add(OutboxContract.insertOrderPlaced(fresh));
        }

        // when the relay starts for the first time
        try (ConfigurableApplicationContext relay = startRelay(infrastructure, DATABASE, SLOT);
                OrdersTopic ordersTopic = new OrdersTopic(infrastructure.kafka().bootstrapServers())) {

            // then every order written before arrives
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(
                    ordersTopic.eventsOf(orderIds).stream().map(event -> event.key()).distinct())
                    .containsExactlyInAnyOrderElementsOf(orderIds));
        }
    }

    @Test
    void aRelayWhoseSlotIsMissingRefusesToStreamRatherThanCreateALateSlot() {
        // given a database with an outbox but without the relay's slot
        Infrastructure infrastructure = SharedInfrastructure.get();
        JdbcClient server = JdbcClient.create(dataSource(infrastructure, "postgres"));
        server.sql("CREATE DATABASE orders_without_slot").update();
        OutboxContract.createTables(JdbcClient.create(dataSource(infrastructure, "orders_without_slot")));

        // when
        try (ConfigurableApplicationContext context = startRelay(infrastructure, "orders_without_slot",
                "outbox_relay_missing")) {
            OutboxRelay relay = context.getBean(OutboxRelay.class);

            // then
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                assertThat(relay.state().phase()).isEqualTo(RelayState.Phase.FAILED);
                assertThat(relay.state().failure()).containsInstanceOf(ReplicationSlotCheck.MissingSlot.class);
            });
            assertThat(server.sql("SELECT count(*) FROM pg_replication_slots WHERE slot_name = 'outbox_relay_missing'")
                    .query(Integer.class).single()).isZero();
        }
    }

    private static ConfigurableApplicationContext startRelay(Infrastructure infrastructure, String database,
            String slot) {
        Map<String, Object> properties = new LinkedHashMap<>(infrastructure.springProperties("orders"));
        properties.put("spring.datasource.url", infrastructure.postgres().jdbcUrl(database));
        properties.put("checkout.relay.slot-name", slot);
        properties.put("checkout.relay.offsets-topic", "outbox-relay-" + database + ".offsets");
        properties.put("server.port", 0);
        return new SpringApplicationBuilder(OutboxRelayApplication.class)
                .properties(OutboxRelayApplication.CONFIG)
                .run(commandLine(properties));
    }

    /** Command-line arguments outrank the service's own yml, as environment variables do in a deployment. */
    static String[] commandLine(Map<String, Object> properties) {
        return properties.entrySet().stream().map(p -> "--" + p.getKey() + "=" + p.getValue()).toArray(String[]::new);
    }

    private static PGSimpleDataSource dataSource(Infrastructure infrastructure, String database) {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(infrastructure.postgres().jdbcUrl(database));
        dataSource.setUser(infrastructure.postgres().username());
        dataSource.setPassword(infrastructure.postgres().password());
        return dataSource;
    }

    /** The outbox as BRIEF.md specifies it for order-service's migrations. */
    static final class OutboxContract {

        static void create(JdbcClient database, String slot) {
            createTables(database);
            database.sql("SELECT 1 FROM pg_create_logical_replication_slot(?, 'pgoutput')").param(slot)
                    .query(Integer.class).single();
        }

        static void createTables(JdbcClient database) {
            database.sql("""
                    CREATE TABLE outbox (
                      id             uuid PRIMARY KEY,
                      aggregate_type text NOT NULL,
                      aggregate_id   text NOT NULL,
                      event_type     text NOT NULL,
                      payload        jsonb NOT NULL,
                      created_at     timestamptz NOT NULL DEFAULT now(),
                      traceparent    text)""").update();
            database.sql("CREATE TABLE relay_heartbeat (id int PRIMARY KEY, beat_at timestamptz NOT NULL)").update();
            database.sql("CREATE PUBLICATION outbox_publication FOR TABLE outbox, relay_heartbeat").update();
        }

        static String insertOrderPlaced(JdbcClient database) {
            UUID orderId = UUID.randomUUID();
            OrderPlaced event = new OrderPlaced(orderId, "customer-1", "shopper@example.com",
                    List.of(new OrderPlaced.OrderLine("SKU-1", "Item", 1, 100)), 100, "EUR", Instant.now());
            database.sql("""
                    INSERT INTO outbox (id, aggregate_type, aggregate_id, event_type, payload, traceparent)
                    VALUES (?, ?, ?, ?, ?::jsonb, ?)""")
                    .params(UUID.randomUUID(), Topics.ORDERS, orderId.toString(), OrderPlaced.TYPE,
                            EventJson.write(event), "00-" + hex(32) + "-" + hex(16) + "-01")
                    .update();
            return orderId.toString();
        }

        private static String hex(int digits) {
            return (UUID.randomUUID().toString() + UUID.randomUUID()).replace("-", "").substring(0, digits);
        }
    }
}
