package com.example.checkout.relay.streaming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.example.checkout.events.Topics;
import com.example.checkout.infrastructure.Infrastructure;
import com.example.checkout.infrastructure.SharedInfrastructure;
import com.example.checkout.relay.OutboxRelayApplication;
import com.example.checkout.services.SystemService;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The data-loss trap (docs/architecture.md): with {@code snapshot.mode=no_data}, rows committed before the relay's first
 * start are only streamed if the slot existed before them. Runs in a test JVM of its own (failsafe execution
 * {@code fresh-database}), so its {@code orders} database is brand new: order-service migrates it and takes orders,
 * and only then does a relay start for the first time.
 */
class FreshDatabaseIntegrationTests {

    @Test
    void ordersPlacedBeforeTheRelayHasEverRunAllArrive() throws Exception {
        // given a fresh orders database that order-service migrated and took orders on, and no relay ever started
        Infrastructure infrastructure = SharedInfrastructure.get();
        OrderService orderService = OrderService.shared();
        assertThat(topics(infrastructure))
                .as("no relay has run in this JVM: it would have declared '%s'", Topics.ORDERS)
                .doesNotContain(Topics.ORDERS);
        assertThat(orderService.database().sql("""
                SELECT active FROM pg_replication_slots
                WHERE slot_name = 'outbox_relay' AND database = current_database()""").query(Boolean.class).list())
                .as("order-service's migration created the relay's slot, and nothing reads it yet")
                .containsExactly(false);
        List<String> orderIds = orderService.placeOrders(25, 4);

        // when the relay starts for the first time
        Map<String, Object> properties = new LinkedHashMap<>(infrastructure.springProperties(SystemService.RELAY));
        properties.put("server.port", 0);
        try (ConfigurableApplicationContext relay = SpringApplications.run(OutboxRelayApplication.class,
                OutboxRelayApplication.CONFIG, properties);
                OrdersTopic ordersTopic = new OrdersTopic(infrastructure.kafka().bootstrapServers())) {

            // then every order placed before arrives
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(
                    ordersTopic.eventsOf(orderIds).stream().map(ConsumerRecord::key).distinct())
                    .containsExactlyInAnyOrderElementsOf(orderIds));
        }
    }

    private static Set<String> topics(Infrastructure infrastructure) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                infrastructure.kafka().bootstrapServers()))) {
            return admin.listTopics().names().get();
        }
    }
}
