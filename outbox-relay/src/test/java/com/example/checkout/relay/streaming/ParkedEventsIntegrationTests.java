package com.example.checkout.relay.streaming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.example.checkout.events.OrderPlaced;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Poison rows: an outbox row that can never become a Kafka record is parked in {@code outbox_dead_letter} with the
 * reason, the relay streams on, and after a fix the relay jar's {@code --replay-parked} delivers each once.
 */
class ParkedEventsIntegrationTests extends RelayOnOrdersDatabase {

    private static final Duration PATIENCE = Duration.ofSeconds(90);

    @Autowired
    MeterRegistry meters;

    @LocalServerPort
    int relayPort;

    @Test
    void eachPoisonKindIsParkedWithItsReasonWhileTheNextRowsArriveAndIsDeliveredOnceAfterAFixAndAReplay()
            throws Exception {
        // given the relay streaming
        await().atMost(PATIENCE).until(() -> relay.state().phase() == RelayState.Phase.RUNNING);
        double parkedBefore = parkedCount();
        String orderId = UUID.randomUUID().toString();

        // when rows no consumer could use are written, each followed by a good checkout
        Map<String, String> poison = new LinkedHashMap<>();
        poison.put(outboxRow("orders", OrderPlaced.TYPE, orderId, "'[1, 2, 3]'"), "payload is not a JSON object");
        poison.put(outboxRow("orders", "com.example.checkout.order.OrderShipped.v9", orderId, "'{}'"),
                "unknown event_type 'com.example.checkout.order.OrderShipped.v9'");
        poison.put(outboxRow("orders", "", orderId, "'{}'"), "missing event_type");
        poison.put(outboxRow("payments", OrderPlaced.TYPE, orderId, "'{}'"),
                "topic 'payments' is not one this source may write to");
        poison.put(outboxRow("orders", OrderPlaced.TYPE, orderId,
                "jsonb_build_object('blob', repeat('x', 1200000))"), "RecordTooLargeException");
        List<String> goodOrders = new java.util.ArrayList<>();
        for (int i = 0; i < poison.size(); i++) {
            goodOrders.add(orderService.placeOrder());
        }

        // then the good rows arrive, and each poison row is parked with its reason
        await().atMost(PATIENCE).until(() -> ordersTopic.eventsOf(goodOrders).size() >= goodOrders.size());
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(parkedReasons(poison.keySet()))
                .hasSize(poison.size()));
        Map<String, String> reasons = parkedReasons(poison.keySet());
        poison.forEach((id, reason) -> assertThat(reasons.get(id)).contains(reason));
        assertThat(ordersTopic.eventsOf(List.of(orderId))).as("no poison row was published").isEmpty();
        assertThat(parkedCount() - parkedBefore).isEqualTo(poison.size());
        await().atMost(PATIENCE).untilAsserted(() -> {
            JsonNode health = relayHealth();
            assertThat(health.path("status").asString()).isEqualTo("DEGRADED");
            assertThat(health.path("details").path("orders").path("parked").asLong()).isGreaterThanOrEqualTo(5);
            assertThat(health.path("details").path("orders").path("parkedReason").asString()).isNotBlank();
        });

        // when an operator fixes the parked rows and replays them with the relay jar
        orderService.database().sql("""
                UPDATE outbox_dead_letter SET aggregate_type = 'orders', event_type = ?,
                       payload = jsonb_build_object('orderId', aggregate_id)::text
                WHERE aggregate_id = ?""").params(OrderPlaced.TYPE, orderId).update();
        assertThat(RelayProcess.runCommand("replay-parked", RelayProcess.ordersProperties(), "--replay-parked"))
                .isZero();

        // then each is delivered once, with its original ce_id, and the relay is healthy again
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(ordersTopic.eventsOf(List.of(orderId)).stream()
                .map(OrdersTopic::eventId)).containsExactlyInAnyOrderElementsOf(poison.keySet()));
        assertThat(RelayProcess.runCommand("replay-parked-again", RelayProcess.ordersProperties(),
                "--replay-parked")).isZero();
        assertThat(ordersTopic.pollToTheEnd().stream().filter(record -> record.key().equals(orderId)))
                .as("a second replay publishes nothing again").hasSize(poison.size());
        await().atMost(PATIENCE).untilAsserted(() ->
                assertThat(relayHealth().path("status").asString()).isEqualTo("UP"));
    }

    /** Writes an outbox row by hand, as a buggy writer might; returns its id. */
    private String outboxRow(String aggregateType, String eventType, String aggregateId, String payloadSql) {
        String id = UUID.randomUUID().toString();
        orderService.database().sql("INSERT INTO outbox (id, aggregate_type, aggregate_id, event_type, payload) "
                + "VALUES (?::uuid, ?, ?, ?, " + payloadSql + ")")
                .params(id, aggregateType, aggregateId, eventType).update();
        return id;
    }

    private Map<String, String> parkedReasons(java.util.Collection<String> ids) {
        Map<String, String> reasons = new LinkedHashMap<>();
        orderService.database().sql("SELECT id::text, reason FROM outbox_dead_letter WHERE id::text IN (:ids)")
                .param("ids", ids).query((rs, n) -> reasons.put(rs.getString(1), rs.getString(2))).list();
        return reasons;
    }

    private double parkedCount() {
        return meters.get(RelayMetrics.EVENTS_PARKED).tag(RelayMetrics.SOURCE_TAG, RelaySource.ORDERS).counter()
                .count();
    }

    private JsonNode relayHealth() throws Exception {
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                    URI.create("http://localhost:" + relayPort + "/actuator/health")).build(),
                    HttpResponse.BodyHandlers.ofString());
            return JsonMapper.shared().readTree(response.body()).path("components").path("relay");
        }
    }
}
