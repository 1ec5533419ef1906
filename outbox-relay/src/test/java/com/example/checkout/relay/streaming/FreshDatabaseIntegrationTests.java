package com.example.checkout.relay.streaming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.example.checkout.infrastructure.Infrastructure;
import com.example.checkout.infrastructure.SharedInfrastructure;
import com.example.checkout.relay.OutboxRelayApplication;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

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
        OrdersOutbox fresh = OrdersOutbox.freshDatabase(infrastructure, DATABASE);
        fresh.createSlot(SLOT);
        List<String> orderIds = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            orderIds.add(fresh.writeOrderPlaced());
        }

        // when the relay starts for the first time
        try (ConfigurableApplicationContext relay = startRelay(infrastructure, DATABASE, SLOT);
                OrdersTopic ordersTopic = new OrdersTopic(infrastructure.kafka().bootstrapServers())) {

            // then every order written before arrives
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(
                    ordersTopic.eventsOf(orderIds).stream().map(ConsumerRecord::key).distinct())
                    .containsExactlyInAnyOrderElementsOf(orderIds));
        }
    }

    @Test
    void aRelayWhoseSlotIsMissingRefusesToStreamRatherThanCreateALateSlot() {
        // given a database with an outbox but without the relay's slot
        Infrastructure infrastructure = SharedInfrastructure.get();
        OrdersOutbox.freshDatabase(infrastructure, "orders_without_slot");

        // when
        try (ConfigurableApplicationContext context = startRelay(infrastructure, "orders_without_slot",
                "outbox_relay_missing")) {
            OutboxRelay relay = context.getBean(OutboxRelay.class);

            // then
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                assertThat(relay.state().phase()).isEqualTo(RelayState.Phase.FAILED);
                assertThat(relay.state().failure()).containsInstanceOf(ReplicationSlotCheck.MissingSlot.class);
            });
            assertThat(OrdersOutbox.connect(infrastructure, "postgres").sql("SELECT count(*) FROM pg_replication_slots WHERE slot_name = 'outbox_relay_missing'")
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
}
