package com.example.checkout.inventory;

import java.time.Duration;
import java.util.UUID;

import com.example.checkout.consumer.ConsumerMetrics;
import com.example.checkout.consumer.OrderPlacedRecords;
import com.example.checkout.consumer.ServiceClient;
import com.example.checkout.events.OrderPlaced;
import com.example.checkout.events.OrderPlaced.OrderLine;
import com.example.checkout.infrastructure.Infrastructure;
import com.example.checkout.infrastructure.SharedInfrastructure;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The inventory service against a real broker and Postgres: all lines reserved or none, once per event. */
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
        assertThat(api().get("/dlt")).isEmpty();
    }

    @Test
    void anUnknownSkuAnswersProblemDetails() {
        var response = api().raw("/stock/SKU-999");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
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
