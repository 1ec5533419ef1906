package com.example.checkout.system;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.example.checkout.infrastructure.Infrastructure;
import com.example.checkout.infrastructure.SharedInfrastructure;
import com.example.checkout.services.SystemService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole pipeline in one JVM on the real infrastructure: {@code POST /checkout} on order-service, the outbox row
 * streamed from the WAL by the relay, and the three consumers reacting — also while the mail server or the broker
 * is down. Every invariant is checked by counting: one email per order in the SMTP server, stock down by exactly
 * the ordered units, the order counted once.
 */
class CheckoutEndToEndIntegrationTests {

    private static final Infrastructure INFRASTRUCTURE = SharedInfrastructure.get();
    private static final Duration PROCESSING = Duration.ofSeconds(90);
    private static final String SKU = "SKU-007";
    private static final RunningServices SERVICES = new RunningServices(INFRASTRUCTURE);

    @BeforeAll
    static void startTheSystem() {
        SERVICES.start(SystemService.PAYMENT_PROVIDER, SystemService.ORDER, SystemService.RELAY, SystemService.EMAIL,
                SystemService.INVENTORY, SystemService.ANALYTICS);
    }

    @AfterAll
    static void stopTheSystem() {
        SERVICES.close();
    }

    @AfterEach
    void everythingIsBack() {
        if (!INFRASTRUCTURE.smtp().isRunning()) {
            INFRASTRUCTURE.smtp().start();
        }
        if (!INFRASTRUCTURE.kafka().isRunning()) {
            INFRASTRUCTURE.kafka().start();
        }
    }

    @Test
    void aCheckoutIsEmailedReservedAndCountedOnce() {
        // given
        long stockBefore = stock(SKU);
        JsonNode salesBefore = sales();

        // when
        JsonNode placed = checkout("ada@example.com", 3);

        // then
        UUID orderId = UUID.fromString(placed.get("orderId").asString());
        long total = placed.get("totalCents").asLong();
        await().atMost(PROCESSING).untilAsserted(() -> {
            assertThat(SERVICES.mailsAbout(orderId)).isEqualTo(1);
            assertThat(SERVICES.api(SystemService.INVENTORY).get("/reservations?orderId=" + orderId))
                    .singleElement().satisfies(line -> assertThat(line.get("status").asString()).isEqualTo("RESERVED"));
            assertThat(sales().get("orders").asLong()).isEqualTo(salesBefore.get("orders").asLong() + 1);
        });
        assertThat(stock(SKU)).isEqualTo(stockBefore - 3);
        assertThat(sales().get("revenueCents").asLong()).isEqualTo(salesBefore.get("revenueCents").asLong() + total);
        JsonNode logged = SERVICES.api(SystemService.EMAIL).get("/emails?orderId=" + orderId);
        assertThat(logged).singleElement().satisfies(email ->
                assertThat(email.get("recipient").asString()).isEqualTo("ada@example.com"));
    }

    @Test
    void checkoutsDuringAnSmtpOutageAllSucceedAndEachIsEmailedOnceAfterRecovery() {
        // given: the mail server is down
        INFRASTRUCTURE.smtp().stop();

        // when: shoppers keep checking out (checkout() asserts each 201) and the email group pauses for the outage
        List<UUID> orders = checkouts("smtp-outage", 5);
        await().atMost(PROCESSING).until(() -> SERVICES.paused(SystemService.EMAIL));
        INFRASTRUCTURE.smtp().start();

        // then: every order gets exactly one email, and nothing was parked
        await().atMost(PROCESSING).until(() -> orders.stream().allMatch(order -> SERVICES.mailsAbout(order) >= 1));
        assertThat(orders).allSatisfy(order -> assertThat(SERVICES.mailsAbout(order)).isEqualTo(1));
        assertThat(SERVICES.api(SystemService.EMAIL).parked()).isEmpty();
    }

    @Test
    void checkoutsWhileKafkaIsDownAllSucceedAndReachEveryConsumerOnceItIsBack() {
        // given: the broker is down
        long stockBefore = stock(SKU);
        long ordersBefore = sales().get("orders").asLong();
        INFRASTRUCTURE.kafka().stop();

        // when: checkouts still answer 201 — nothing on the request path talks to Kafka — and the broker returns
        List<UUID> orders = checkouts("kafka-outage", 4);
        INFRASTRUCTURE.kafka().start();

        // then: the relay catches up from the WAL and every consumer handles every order once
        await().atMost(PROCESSING).untilAsserted(() -> {
            assertThat(orders).allSatisfy(order -> assertThat(SERVICES.mailsAbout(order)).isEqualTo(1));
            assertThat(sales().get("orders").asLong()).isEqualTo(ordersBefore + orders.size());
            assertThat(stock(SKU)).isEqualTo(stockBefore - orders.size());
        });
    }

    private static List<UUID> checkouts(String customer, int count) {
        List<UUID> orders = new ArrayList<>();
        for (int n = 0; n < count; n++) {
            JsonNode placed = checkout(customer + "-" + n + "@example.com", 1);
            orders.add(UUID.fromString(placed.get("orderId").asString()));
        }
        return orders;
    }

    private static JsonNode checkout(String email, int quantity) {
        return SERVICES.api(SystemService.ORDER).post("/checkout", """
                {"customerId":"c-%s","email":"%s","items":[{"sku":"%s","quantity":%d}],"paymentToken":"tok_ok"}"""
                .formatted(UUID.randomUUID(), email, SKU, quantity), 201);
    }

    private static long stock(String sku) {
        return SERVICES.api(SystemService.INVENTORY).get("/stock/" + sku).get("available").asLong();
    }

    private static JsonNode sales() {
        return SERVICES.api(SystemService.ANALYTICS).get("/analytics/summary");
    }
}
