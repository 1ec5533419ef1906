package com.example.checkout.system;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

import com.example.checkout.consumer.OrderPlacedRecords;
import com.example.checkout.consumer.TopicRecords;
import com.example.checkout.events.OrderCancelled;
import com.example.checkout.events.Topics;
import com.example.checkout.infrastructure.Infrastructure;
import com.example.checkout.infrastructure.SharedInfrastructure;
import com.example.checkout.order.payment.SimulatedPaymentGateway;
import com.example.checkout.services.SystemService;
import jakarta.mail.MessagingException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The checkout saga end to end on the real infrastructure: checkout → order's outbox → relay → inventory reserves
 * or rejects → inventory's outbox → its relay → order-service confirms, or refunds and cancels → order's outbox →
 * email tells the customer, analytics reverses the sale. Every claim is counted: captures and refunds on the
 * payment gateway, stock, emails in the SMTP server, the sales figures.
 */
class CheckoutSagaIntegrationTests {

    private static final Infrastructure INFRASTRUCTURE = SharedInfrastructure.get();
    private static final Duration PROCESSING = Duration.ofSeconds(90);
    private static final RunningServices SERVICES = new RunningServices(INFRASTRUCTURE);

    @BeforeAll
    static void startTheSystem() {
        INFRASTRUCTURE.kafka().createTopic(Topics.INVENTORY, 3);
        SERVICES.start(SystemService.ORDER, SystemService.RELAY, SystemService.EMAIL, SystemService.INVENTORY,
                SystemService.ANALYTICS).startInventoryRelay();
    }

    @AfterAll
    static void stopTheSystem() {
        SERVICES.close();
    }

    @Test
    void anOutOfStockCheckoutIsCancelledRefundedToldOnceAndNetsToZero() {
        // given: a product that is sold out
        String sku = "SKU-012";
        setStock(sku, 0);
        int capturesBefore = gateway().captures();
        int refundsBefore = gateway().refunds();
        JsonNode salesBefore = sales();
        long unitsBefore = unitsSold(sku);

        // when
        UUID orderId = checkout("sold-out@example.com", sku);

        // then: cancelled with the reason, captured once and refunded once
        await().atMost(PROCESSING).until(() -> "CANCELLED".equals(status(orderId)));
        JsonNode order = order(orderId);
        assertThat(order.get("cancellationReason").asString()).contains("only 0 of " + sku + " available");
        assertThat(order.get("timeline").valueStream().map(step -> step.get("step").asString()))
                .containsExactly("PLACED", "STOCK_REJECTED", "REFUNDED", "CANCELLED");
        assertThat(gateway().captures()).isEqualTo(capturesBefore + 1);
        assertThat(gateway().refunds()).isEqualTo(refundsBefore + 1);
        // stock unchanged
        assertThat(stock(sku)).isZero();
        // one cancellation email, and it is the customer's last word about the order
        await().atMost(PROCESSING).until(() -> mailSubjects(orderId).contains("Your order " + orderId + " is cancelled"));
        await().during(Duration.ofSeconds(2)).atMost(PROCESSING).until(() ->
                mailSubjects(orderId).stream().filter(subject -> subject.endsWith("is cancelled")).count() == 1);
        assertThat(mailSubjects(orderId).getLast()).endsWith("is cancelled");
        // analytics: the sale and its reversal, net zero
        await().atMost(PROCESSING).until(() -> sales().get("cancelledOrders").asLong()
                == salesBefore.get("cancelledOrders").asLong() + 1);
        await().atMost(PROCESSING).until(() -> sales().get("orders").asLong() == salesBefore.get("orders").asLong() + 1);
        assertThat(sales().get("revenueCents").asLong()).isEqualTo(salesBefore.get("revenueCents").asLong());
        assertThat(unitsSold(sku)).isEqualTo(unitsBefore);
    }

    @Test
    void twoOrdersRacingForTheLastUnitEndOneConfirmedAndOneCancelledAndRefunded() {
        // given: one unit left
        String sku = "SKU-014";
        setStock(sku, 1);
        int refundsBefore = gateway().refunds();

        // when: two shoppers check it out at the same moment
        List<CompletableFuture<UUID>> racing = List.of("first", "second").stream()
                .map(shopper -> CompletableFuture.supplyAsync(() -> checkout(shopper + "@example.com", sku)))
                .toList();
        List<UUID> orders = racing.stream().map(CompletableFuture::join).toList();

        // then: exactly one got it
        await().atMost(PROCESSING).until(() -> orders.stream().noneMatch(order -> "PLACED".equals(status(order))));
        Map<String, List<UUID>> byStatus = orders.stream().collect(Collectors.groupingBy(this::status));
        assertThat(byStatus.keySet()).containsExactlyInAnyOrder("CONFIRMED", "CANCELLED");
        assertThat(byStatus.get("CONFIRMED")).hasSize(1);
        assertThat(byStatus.get("CANCELLED")).hasSize(1);
        assertThat(gateway().refunds()).isEqualTo(refundsBefore + 1);
        assertThat(stock(sku)).isZero();
        UUID loser = byStatus.get("CANCELLED").getFirst();
        assertThat(order(loser).get("timeline").valueStream().map(step -> step.get("step").asString()))
                .contains("REFUNDED");
    }

    @Test
    void inventorysRejectionDeliveredAgainTwiceAtOnceAndFromTheDltStillRefundsOnceAndEmailsOnce() {
        // given: a sold-out checkout that has been cancelled, refunded and told
        String sku = "SKU-016";
        setStock(sku, 0);
        UUID orderId = checkout("twice@example.com", sku);
        await().atMost(PROCESSING).until(() -> "CANCELLED".equals(status(orderId)));
        await().atMost(PROCESSING).until(() -> cancellationMails(orderId) == 1);
        int refundsAfterTheFirst = gateway().refunds();
        ConsumerRecord<String, byte[]> rejection = TopicRecords.all(bootstrap(), Topics.INVENTORY).stream()
                .filter(record -> orderId.toString().equals(record.key())).findFirst().orElseThrow();
        double duplicatesBefore = SERVICES.counter(SystemService.ORDER, "duplicate");

        // when: the very record arrives twice more at the same moment (a relay replay, a rebalance) ...
        List<CompletableFuture<Void>> twice = List.of(1, 2).stream()
                .map(n -> CompletableFuture.runAsync(() -> resend(rejection, Topics.INVENTORY)))
                .toList();
        twice.forEach(CompletableFuture::join);
        await().atMost(PROCESSING).until(() -> SERVICES.counter(SystemService.ORDER, "duplicate") >= duplicatesBefore + 2);
        // ... and a copy of it parked on the order service's DLT is replayed by an operator
        resend(rejection, Topics.INVENTORY + ".order-service.dlt");
        await().atMost(PROCESSING).until(() -> parkedIdOf(orderId) != null);
        // Only this record: the DLT also holds other test classes' outcomes for orders this database never had.
        JsonNode replay = SERVICES.api(SystemService.ORDER).post("/dlt/" + parkedIdOf(orderId) + "/replay");

        // then: still one refund on the provider, one cancellation email, one OrderCancelled
        assertThat(replay.get("replayed").asInt()).isEqualTo(1);
        assertThat(replay.get("failed").asInt()).isZero();
        assertThat(gateway().refunds()).isEqualTo(refundsAfterTheFirst);
        await().during(Duration.ofSeconds(3)).atMost(PROCESSING).until(() -> cancellationMails(orderId) == 1);
        assertThat(SERVICES.context(SystemService.ORDER).getBean(JdbcClient.class)
                .sql("SELECT count(*) FROM outbox WHERE aggregate_id = ? AND event_type = ?")
                .params(orderId.toString(), OrderCancelled.TYPE).query(Long.class).single()).isEqualTo(1);
    }

    /** The id of the record about this order parked on the order service's DLT, or null. */
    private static Long parkedIdOf(UUID orderId) {
        return SERVICES.api(SystemService.ORDER).parked().stream()
                .filter(parked -> orderId.toString().equals(parked.get("key").asString()))
                .map(parked -> parked.get("id").asLong()).findFirst().orElse(null);
    }

    /** The record again, with its key, value and every header (so its ce_id), as a redelivery would bring it. */
    private static void resend(ConsumerRecord<String, byte[]> record, String topic) {
        Map<String, String> headers = new LinkedHashMap<>();
        record.headers().forEach(header -> headers.put(header.key(), new String(header.value(), StandardCharsets.UTF_8)));
        OrderPlacedRecords.produceRaw(bootstrap(), topic, record.key(), record.value(), headers);
    }

    private static long cancellationMails(UUID orderId) {
        return mailSubjects(orderId).stream().filter(subject -> subject.endsWith("is cancelled")).count();
    }

    private static String bootstrap() {
        return INFRASTRUCTURE.kafka().bootstrapServers();
    }

    private static UUID checkout(String email, String sku) {
        JsonNode placed = SERVICES.api(SystemService.ORDER).post("/checkout", """
                {"customerId":"c-%s","email":"%s","items":[{"sku":"%s","quantity":1}],"paymentToken":"tok_ok"}"""
                .formatted(UUID.randomUUID(), email, sku), 201);
        return UUID.fromString(placed.get("orderId").asString());
    }

    private static JsonNode order(UUID orderId) {
        return SERVICES.api(SystemService.ORDER).get("/orders/" + orderId);
    }

    private String status(UUID orderId) {
        return order(orderId).get("status").asString();
    }

    private static SimulatedPaymentGateway gateway() {
        return SERVICES.context(SystemService.ORDER).getBean(SimulatedPaymentGateway.class);
    }

    /** Test setup: inventory's stock of one SKU, set in its own database. */
    private static void setStock(String sku, int available) {
        SERVICES.context(SystemService.INVENTORY).getBean(JdbcClient.class)
                .sql("UPDATE stock SET available = ? WHERE sku = ?").params(available, sku).update();
    }

    private static long stock(String sku) {
        return SERVICES.api(SystemService.INVENTORY).get("/stock/" + sku).get("available").asLong();
    }

    private static JsonNode sales() {
        return SERVICES.api(SystemService.ANALYTICS).get("/analytics/summary");
    }

    private static long unitsSold(String sku) {
        return SERVICES.context(SystemService.ANALYTICS).getBean(JdbcClient.class)
                .sql("SELECT coalesce(sum(units), 0) FROM product_sales WHERE sku = ?").param(sku).query(Long.class).single();
    }

    /** The subjects of the mails the SMTP server received about the order, in the order it received them. */
    private static List<String> mailSubjects(UUID orderId) {
        return INFRASTRUCTURE.smtp().receivedMessages().stream().map(CheckoutSagaIntegrationTests::subject)
                .filter(subject -> subject.contains(orderId.toString())).toList();
    }

    private static String subject(MimeMessage mail) {
        try {
            return mail.getSubject();
        } catch (MessagingException unreadable) {
            throw new IllegalStateException(unreadable);
        }
    }
}
