package com.example.checkout.analytics;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import com.example.checkout.consumer.EventRecords;
import com.example.checkout.consumer.OrderPlacedRecords;
import com.example.checkout.consumer.ServiceClient;
import com.example.checkout.events.OrderCancelled;
import com.example.checkout.events.OrderPlaced;
import com.example.checkout.events.OrderPlaced.OrderLine;
import com.example.checkout.events.Topics;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The analytics service against a real broker and Postgres: a cancelled sale is taken back out of the figures
 * once, whichever of its two events is counted first. Each test sells a SKU of its own, so its units are its own.
 */
class SaleReversalIntegrationTests extends AnalyticsIntegrationTest {

    @LocalServerPort
    int port;

    @Test
    void aSaleCountsItsRevenueAndUnits() {
        // given
        OrderPlaced order = orderOf(newSku(), 3);
        JsonNode before = summary();

        // when
        OrderPlacedRecords.produce(bootstrap(), order);

        // then
        await().atMost(PROCESSING).until(() -> units(order) == 3);
        await().atMost(PROCESSING).until(() -> summary().get("revenueCents").asLong()
                == before.get("revenueCents").asLong() + order.totalCents());
        assertThat(summary().get("orders").asLong()).isEqualTo(before.get("orders").asLong() + 1);
    }

    @Test
    void aCancelledSaleNetsToZeroAndCountsOneCancellation() {
        // given: a sale, counted
        OrderPlaced order = orderOf(newSku(), 2);
        JsonNode before = summary();
        OrderPlacedRecords.produce(bootstrap(), order);
        await().atMost(PROCESSING).until(() -> units(order) == 2);

        // when: it is cancelled
        EventRecords.produce(bootstrap(), Topics.ORDERS, cancellationOf(order));

        // then: revenue and units net of it, one cancellation counted
        await().atMost(PROCESSING).until(() -> summary().get("cancelledOrders").asLong()
                == before.get("cancelledOrders").asLong() + 1);
        assertThat(units(order)).isZero();
        assertThat(revenue(order)).isZero();
        assertThat(summary().get("revenueCents").asLong()).isEqualTo(before.get("revenueCents").asLong());
    }

    @Test
    void aCancellationDeliveredTwiceUnderTwoEventIdsAndAsADuplicateIsReversedOnce() {
        // given
        OrderPlaced order = orderOf(newSku(), 1);
        OrderPlacedRecords.produce(bootstrap(), order);
        await().atMost(PROCESSING).until(() -> units(order) == 1);
        OrderCancelled cancelled = cancellationOf(order);
        UUID eventId = UUID.randomUUID();

        // when
        EventRecords.produce(bootstrap(), Topics.ORDERS, cancelled, eventId);
        EventRecords.produce(bootstrap(), Topics.ORDERS, cancelled, eventId);
        EventRecords.produce(bootstrap(), Topics.ORDERS, cancelled);

        // then
        await().atMost(PROCESSING).until(() -> reversals(order) == 1 && units(order) == 0);
        await().during(Duration.ofSeconds(2)).atMost(PROCESSING).until(() -> units(order) == 0 && revenue(order) == 0);
    }

    @Test
    void aCancellationCountedBeforeItsSaleEndsInTheSameFiguresAsInOrder() {
        // given: the cancellation overtook the sale (the OrderPlaced waited on a retry topic)
        OrderPlaced order = orderOf(newSku(), 4);
        JsonNode before = summary();
        EventRecords.produce(bootstrap(), Topics.ORDERS, cancellationOf(order));
        await().atMost(PROCESSING).until(() -> reversals(order) == 1);
        assertThat(units(order)).isEqualTo(-4); // for a moment the figures are ahead of the sale

        // when: the sale arrives late
        OrderPlacedRecords.produce(bootstrap(), order);

        // then: the same end state as in order — net zero, one order, one cancellation
        await().atMost(PROCESSING).until(() -> units(order) == 0);
        assertThat(revenue(order)).isZero();
        JsonNode after = summary();
        assertThat(after.get("orders").asLong()).isEqualTo(before.get("orders").asLong() + 1);
        assertThat(after.get("cancelledOrders").asLong()).isEqualTo(before.get("cancelledOrders").asLong() + 1);
        assertThat(after.get("revenueCents").asLong()).isEqualTo(before.get("revenueCents").asLong());
    }

    private static OrderPlaced orderOf(String sku, int quantity) {
        return OrderPlacedRecords.orderPlaced("ada@example.com", new OrderLine(sku, "Test product", quantity, 1250));
    }

    private static OrderCancelled cancellationOf(OrderPlaced order) {
        return new OrderCancelled(order.orderId(), order.customerId(), order.email(), order.lines(), order.totalCents(),
                order.currency(), order.placedAt(), "out of stock", "re_test", order.totalCents(), Instant.now());
    }

    private long units(OrderPlaced order) {
        return units(order.lines().getFirst().sku());
    }

    private long revenue(OrderPlaced order) {
        return jdbc.sql("SELECT coalesce(sum(revenue_cents), 0) FROM product_sales WHERE sku = ?")
                .param(order.lines().getFirst().sku()).query(Long.class).single();
    }

    private long reversals(OrderPlaced order) {
        return jdbc.sql("SELECT count(*) FROM cancelled_sales WHERE order_id = ?").param(order.orderId())
                .query(Long.class).single();
    }

    private JsonNode summary() {
        return ServiceClient.onPort(port).get("/analytics/summary");
    }
}
