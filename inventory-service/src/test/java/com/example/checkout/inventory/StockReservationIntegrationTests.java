package com.example.checkout.inventory;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.example.checkout.consumer.ConsumerMetrics;
import com.example.checkout.consumer.EventRecords;
import com.example.checkout.consumer.OrderPlacedRecords;
import com.example.checkout.consumer.ServiceClient;
import com.example.checkout.events.EventJson;
import com.example.checkout.events.OrderCancelled;
import com.example.checkout.events.OrderPlaced;
import com.example.checkout.events.OrderPlaced.OrderLine;
import com.example.checkout.events.StockReservationRejected;
import com.example.checkout.events.StockReserved;
import com.example.checkout.events.Topics;
import com.example.checkout.infrastructure.Infrastructure;
import com.example.checkout.infrastructure.SharedInfrastructure;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The inventory service against a real broker and Postgres: all lines reserved or none, once per event, the outcome
 * in its outbox in the same transaction; a cancellation in either order relative to the placement.
 */
@SpringBootTest(classes = InventoryServiceApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = InventoryServiceApplication.CONFIG)
@DirtiesContext
class StockReservationIntegrationTests {

    private static final Infrastructure INFRASTRUCTURE = SharedInfrastructure.get();
    private static final Duration PROCESSING = Duration.ofSeconds(60);

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        INFRASTRUCTURE.kafka().createTopic("orders", 3);
        SharedInfrastructure.register(registry, "inventory");
    }

    @LocalServerPort
    int port;

    @Autowired
    MeterRegistry meters;

    @Autowired
    JdbcClient jdbc;

    @Test
    void anOrderReservesEveryLineAndTakesItsQuantityFromStock() {
        // given
        int beansBefore = available("SKU-002");
        int kettlesBefore = available("SKU-003");
        OrderPlaced order = OrderPlacedRecords.orderPlaced("ada@example.com",
                new OrderLine("SKU-002", "Filter Papers", 3, 450), new OrderLine("SKU-003", "Gooseneck Kettle, 1 l", 1, 5990));

        // when
        OrderPlacedRecords.produce(bootstrap(), order);

        // then
        await().atMost(PROCESSING).until(() -> reservations(order).size() == 2);
        assertThat(reservations(order).valueStream().map(line -> line.get("status").asString())).containsOnly("RESERVED");
        assertThat(available("SKU-002")).isEqualTo(beansBefore - 3);
        assertThat(available("SKU-003")).isEqualTo(kettlesBefore - 1);
        assertThat(outbox(order)).singleElement().satisfies(row -> {
            assertThat(row.type()).isEqualTo(StockReserved.TYPE);
            assertThat(row.topic()).isEqualTo(Topics.INVENTORY);
            StockReserved reserved = EventJson.read(row.payload(), StockReserved.class);
            assertThat(reserved.lines()).extracting(StockReserved.ReservedLine::sku).containsExactly("SKU-002", "SKU-003");
        });
    }

    @Test
    void theSameEventDeliveredTwiceReservesOnce() {
        // given
        int before = available("SKU-004");
        OrderPlaced order = OrderPlacedRecords.orderPlaced("grace@example.com", new OrderLine("SKU-004", "Scale", 2, 2990));
        UUID eventId = UUID.randomUUID();
        double duplicatesBefore = counter("duplicate");

        // when
        OrderPlacedRecords.produce(bootstrap(), order, eventId);
        OrderPlacedRecords.produce(bootstrap(), order, eventId);

        // then
        await().atMost(PROCESSING).until(() -> counter("duplicate") >= duplicatesBefore + 1);
        assertThat(reservations(order)).hasSize(1);
        assertThat(available("SKU-004")).isEqualTo(before - 2);
        assertThat(outbox(order)).hasSize(1);
    }

    @Test
    void notEnoughStockRejectsTheOrderWithoutRetryOrDeadLetterAndLeavesEveryLineUntouched() {
        // given: more grinders than there are, and a line that alone could be served
        int grindersBefore = available("SKU-006");
        int cupsBefore = available("SKU-007");
        OrderPlaced order = OrderPlacedRecords.orderPlaced("linus@example.com",
                new OrderLine("SKU-006", "Hand Grinder", grindersBefore + 1, 8900), new OrderLine("SKU-007", "Cups", 2, 1200));
        double retriedBefore = counter("retried");
        double processedBefore = counter("processed");

        // when
        OrderPlacedRecords.produce(bootstrap(), order);

        // then: a business outcome, processed once
        await().atMost(PROCESSING).until(() -> reservations(order).size() == 2);
        JsonNode lines = reservations(order);
        assertThat(lines.valueStream().map(line -> line.get("status").asString())).containsOnly("REJECTED");
        assertThat(lines.get(0).get("sku").asString()).isEqualTo("SKU-006");
        assertThat(lines.get(0).get("reason").asString()).contains("only " + grindersBefore + " of SKU-006 available");
        assertThat(available("SKU-006")).isEqualTo(grindersBefore);
        assertThat(available("SKU-007")).isEqualTo(cupsBefore);
        assertThat(counter("processed")).isEqualTo(processedBefore + 1);
        assertThat(counter("retried")).isEqualTo(retriedBefore);
        assertThat(api().parked()).isEmpty();
        assertThat(outbox(order)).singleElement().satisfies(row -> {
            assertThat(row.type()).isEqualTo(StockReservationRejected.TYPE);
            StockReservationRejected rejected = EventJson.read(row.payload(), StockReservationRejected.class);
            assertThat(rejected.lines()).extracting(StockReservationRejected.RejectedLine::reason).containsExactly(
                    "only " + grindersBefore + " of SKU-006 available, " + (grindersBefore + 1) + " ordered",
                    "order rejected: only " + grindersBefore + " of SKU-006 available, " + (grindersBefore + 1) + " ordered");
        });
    }

    @Test
    void theOutboxSlotPublicationAndDeadLetterTableExistAsSoonAsTheServiceHasMigrated() {
        // The relay must find them before the first outcome row is written, or it would miss the rows before it.
        assertThat(jdbc.sql("SELECT database FROM pg_replication_slots WHERE slot_name = 'inventory_outbox_relay'")
                .query(String.class).optional()).hasValue("inventory");
        assertThat(jdbc.sql("SELECT tablename FROM pg_publication_tables WHERE pubname = 'outbox_publication' ORDER BY 1")
                .query(String.class).list()).containsExactly("outbox", "relay_heartbeat");
        // and the table where the relay parks a row it cannot publish
        assertThat(jdbc.sql("SELECT to_regclass('outbox_dead_letter') IS NOT NULL").query(Boolean.class).single()).isTrue();
    }

    @Test
    void anOrderCancelledBeforeItsOrderPlacedArrivesReservesNothingAndPublishesNothing() {
        // given: the cancellation overtook the placement (the placement waited on a retry topic)
        int before = available("SKU-008");
        OrderPlaced order = OrderPlacedRecords.orderPlaced("inverted@example.com", new OrderLine("SKU-008", "Scale", 1, 3490));
        EventRecords.produce(bootstrap(), Topics.ORDERS, cancellationOf(order));
        await().atMost(PROCESSING).until(() -> cancelled(order));

        // when
        OrderPlacedRecords.produce(bootstrap(), order);

        // then: the same end state as in order — nothing taken, nothing reserved, no outcome for a closed order
        await().atMost(PROCESSING).until(() -> reservations(order).size() == 1);
        assertThat(reservations(order).get(0).get("status").asString()).isEqualTo("REJECTED");
        assertThat(available("SKU-008")).isEqualTo(before);
        assertThat(outbox(order)).isEmpty();
    }

    @Test
    void aCancelledOrderGivesBackWhatItReservedOnce() {
        // given: an order reserved
        int before = available("SKU-009");
        OrderPlaced order = OrderPlacedRecords.orderPlaced("released@example.com", new OrderLine("SKU-009", "Press", 3, 3290));
        OrderPlacedRecords.produce(bootstrap(), order);
        await().atMost(PROCESSING).until(() -> available("SKU-009") == before - 3);

        // when: it is cancelled, and the cancellation is delivered twice under two event ids
        EventRecords.produce(bootstrap(), Topics.ORDERS, cancellationOf(order));
        EventRecords.produce(bootstrap(), Topics.ORDERS, cancellationOf(order));

        // then
        await().atMost(PROCESSING).until(() -> "RELEASED".equals(reservations(order).get(0).get("status").asString()));
        await().during(Duration.ofSeconds(2)).atMost(PROCESSING).until(() -> available("SKU-009") == before);
    }

    @Test
    void anUnknownSkuAnswersProblemDetails() {
        var response = api().raw("/stock/SKU-999");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    }

    private static OrderCancelled cancellationOf(OrderPlaced order) {
        return new OrderCancelled(order.orderId(), order.customerId(), order.email(), order.lines(), order.totalCents(),
                order.currency(), order.placedAt(), "test cancellation", "re_test", order.totalCents(), Instant.now());
    }

    private boolean cancelled(OrderPlaced order) {
        return jdbc.sql("SELECT count(*) FROM cancelled_orders WHERE order_id = ?").param(order.orderId())
                .query(Long.class).single() == 1;
    }

    private record OutboxRow(String topic, String type, String payload) {
    }

    private List<OutboxRow> outbox(OrderPlaced order) {
        return jdbc.sql("SELECT aggregate_type AS topic, event_type AS type, payload::text AS payload FROM outbox WHERE aggregate_id = ?")
                .param(order.orderId().toString()).query(OutboxRow.class).list();
    }

    private int available(String sku) {
        return api().get("/stock/" + sku).get("available").asInt();
    }

    private JsonNode reservations(OrderPlaced order) {
        return api().get("/reservations?orderId=" + order.orderId());
    }

    private double counter(String outcome) {
        var counter = meters.find(ConsumerMetrics.EVENTS).tags("service", "inventory-service", "outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }

    private ServiceClient api() {
        return ServiceClient.onPort(port);
    }

    private static String bootstrap() {
        return INFRASTRUCTURE.kafka().bootstrapServers();
    }
}
