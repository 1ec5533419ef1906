package com.example.checkout.relay.streaming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import com.example.checkout.events.EventHeaders;
import com.example.checkout.events.EventJson;
import com.example.checkout.events.OrderPlaced;
import com.example.checkout.events.Topics;
import com.example.checkout.infrastructure.SharedInfrastructure;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class OutboxRelayIntegrationTests extends RelayOnOrdersDatabase {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @LocalServerPort
    int relayPort;

    @Test
    void aCheckoutArrivesOnTheOrdersTopicKeyedByOrderWithItsPayloadAndCloudEventsHeaders() {
        // given
        String traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

        // when
        String orderId = orderService.placeOrder(traceparent);

        // then
        ConsumerRecord<String, String> event = await().atMost(PATIENCE)
                .until(() -> ordersTopic.eventsOf(List.of(orderId)), events -> !events.isEmpty())
                .getFirst();
        assertThat(event.topic()).isEqualTo(Topics.ORDERS);
        assertThat(event.key()).isEqualTo(orderId);
        OrderPlaced placed = EventJson.read(event.value(), OrderPlaced.class);
        assertThat(placed.orderId()).hasToString(orderId);
        assertThat(placed.customerId()).isEqualTo(OrderService.CUSTOMER_ID);
        assertThat(placed.email()).isEqualTo(OrderService.EMAIL);
        assertThat(placed.lines()).singleElement().satisfies(line -> {
            assertThat(line.sku()).isEqualTo(OrderService.SKU);
            assertThat(line.quantity()).isEqualTo(OrderService.QUANTITY);
            assertThat(line.name()).isNotBlank();
            assertThat(line.unitPriceCents()).isPositive();
        });
        assertThat(placed.totalCents()).isEqualTo(OrderService.QUANTITY * placed.lines().getFirst().unitPriceCents());
        assertThat(placed.currency()).isEqualTo("EUR");
        assertThat(placed.placedAt()).isBetween(Instant.now().minus(Duration.ofMinutes(5)), Instant.now());

        assertThat(OrdersTopic.header(event, EventHeaders.SPEC_VERSION)).contains("1.0");
        assertThat(OrdersTopic.header(event, EventHeaders.ID))
                .contains(orderService.eventIdsOf(List.of(orderId)).getFirst());
        assertThat(OrdersTopic.header(event, EventHeaders.TYPE)).contains(OrderPlaced.TYPE);
        assertThat(OrdersTopic.header(event, EventHeaders.SOURCE)).contains(EventHeaders.ORDER_SERVICE_SOURCE);
        assertThat(OrdersTopic.header(event, EventHeaders.SUBJECT)).contains(orderId);
        assertThat(OrdersTopic.header(event, EventHeaders.CONTENT_TYPE)).contains("application/json");
        assertThat(OrdersTopic.header(event, EventHeaders.TIME).map(OffsetDateTime::parse).orElseThrow())
                .isBetween(OffsetDateTime.now().minusMinutes(5), OffsetDateTime.now());
        // the caller's trace, continued by order-service's span for the outbox row and then by the relay's own
        assertThat(OrdersTopic.header(event, EventHeaders.TRACEPARENT)).hasValueSatisfying(header -> assertThat(header)
                .matches("00-4bf92f3577b34da6a3ce929d0e0e4736-[0-9a-f]{16}-01")
                .isNotEqualTo(traceparent)
                .isNotEqualTo(orderService.traceparentOf(orderId)));
    }

    @Test
    void fiveHundredCheckoutsFromEightConcurrentClientsArriveAsFiveHundredDistinctEvents() {
        // when
        List<String> orderIds = orderService.placeOrders(500, 8);

        // then every order has exactly one event id on the topic, and it is the id of that order's outbox row
        List<ConsumerRecord<String, String>> events = await().atMost(PATIENCE)
                .until(() -> ordersTopic.eventsOf(orderIds), received -> eventIds(received).size() >= 500);
        assertThat(eventIds(events)).as("%d records on '%s', %d duplicates", events.size(), Topics.ORDERS,
                events.size() - 500).hasSize(500).containsExactlyInAnyOrderElementsOf(orderService.eventIdsOf(orderIds));
        assertThat(orderService.ordersAmong(orderIds)).containsExactlyInAnyOrderElementsOf(orderIds);
        assertThat(events.stream().map(ConsumerRecord::key).collect(Collectors.toSet()))
                .containsExactlyInAnyOrderElementsOf(orderIds);
    }

    @Test
    void theRelayDeclaresItsTopicsAndKeepsItsOffsetsInACompactedTopic() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                SharedInfrastructure.get().kafka().bootstrapServers()))) {
            TopicDescription orders = admin.describeTopics(List.of(Topics.ORDERS)).allTopicNames().get()
                    .get(Topics.ORDERS);
            assertThat(orders.partitions()).hasSize(3);

            ConfigResource offsets = new ConfigResource(ConfigResource.Type.TOPIC, "outbox-relay.offsets");
            Config offsetsConfig = admin.describeConfigs(List.of(offsets)).all().get().get(offsets);
            assertThat(offsetsConfig.get("cleanup.policy").value()).isEqualTo("compact");
        }
    }

    @Test
    void healthReportsTheRelayStreaming() throws Exception {
        // given
        await().atMost(PATIENCE).until(() -> relay.state().phase() == RelayState.Phase.RUNNING);

        // when
        String health = actuator("health");

        // then
        JsonNode relayHealth = JsonMapper.shared().readTree(health).path("components").path("relay");
        assertThat(relayHealth.path("status").asString()).isEqualTo("UP");
        assertThat(relayHealth.path("details").path("orders").path("state").asString()).isEqualTo("RUNNING");
    }

    @Test
    void prometheusShowsEventsRelayedAndTheRelayDelay() throws Exception {
        // given
        String orderId = orderService.placeOrder();
        await().atMost(PATIENCE).until(() -> ordersTopic.eventsOf(List.of(orderId)), events -> !events.isEmpty());

        // when
        String metrics = actuator("prometheus");

        // then
        assertThat(metrics).contains("relay_events_relayed_total", "relay_delay_seconds_bucket");
    }

    private String actuator(String endpoint) throws Exception {
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                    URI.create("http://localhost:" + relayPort + "/actuator/" + endpoint)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            return response.body();
        }
    }

    @Test
    void aQuietOutboxStillMovesTheReplicationSlotForward() {
        // given
        await().atMost(PATIENCE).until(() -> relay.state().phase() == RelayState.Phase.RUNNING);
        String confirmedBefore = confirmedFlushLsn();

        // when nothing is ordered, then the heartbeat's writes are streamed and confirmed
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(orderService.database()
                .sql("SELECT confirmed_flush_lsn > ?::pg_lsn FROM pg_replication_slots WHERE slot_name = 'outbox_relay'")
                .param(confirmedBefore).query(Boolean.class).single()).isTrue());
        assertThat(orderService.database().sql("SELECT beat_at > now() - interval '1 minute' FROM relay_heartbeat")
                .query(Boolean.class).list()).containsExactly(true);
    }

    private static Set<String> eventIds(List<ConsumerRecord<String, String>> events) {
        Set<String> ids = new HashSet<>();
        events.forEach(event -> ids.add(OrdersTopic.eventId(event)));
        return ids;
    }

    private String confirmedFlushLsn() {
        return orderService.database()
                .sql("SELECT confirmed_flush_lsn::text FROM pg_replication_slots WHERE slot_name = 'outbox_relay'")
                .query(String.class).single();
    }
}
