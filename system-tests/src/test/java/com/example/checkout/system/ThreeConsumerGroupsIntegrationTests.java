package com.example.checkout.system;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import com.example.checkout.consumer.OrderPlacedRecords;
import com.example.checkout.consumer.ServiceClient;
import com.example.checkout.consumer.TopicRecords;
import com.example.checkout.events.EventHeaders;
import com.example.checkout.events.OrderPlaced;
import com.example.checkout.events.OrderPlaced.OrderLine;
import com.example.checkout.infrastructure.Infrastructure;
import com.example.checkout.infrastructure.SharedInfrastructure;
import com.example.checkout.services.SystemService;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The email, inventory and analytics services started side by side in one JVM, each its own application
 * context, database and consumer group, all reading {@code orders} — as in the local demo and in production.
 */
class ThreeConsumerGroupsIntegrationTests {

    private static final Infrastructure INFRASTRUCTURE = SharedInfrastructure.get();
    private static final Duration PROCESSING = Duration.ofSeconds(60);
    private static final SystemService EMAIL = SystemService.EMAIL;
    private static final SystemService INVENTORY = SystemService.INVENTORY;
    private static final SystemService ANALYTICS = SystemService.ANALYTICS;

    private static final RunningServices SERVICES = new RunningServices(INFRASTRUCTURE);

    @BeforeAll
    static void startTheThreeServices() {
        INFRASTRUCTURE.kafka().createTopic("orders", 3);
        // Retry topics are what these tests are about: a dependency outage would pause the group instead (tested by
        // email-service's DependencyOutageIntegrationTests and the chaos run), so pausing is off here.
        SERVICES.start(Map.of("checkout.consumer.outage.enabled", "false"), EMAIL, INVENTORY, ANALYTICS);
    }

    @AfterAll
    static void stopTheServices() {
        SERVICES.close();
    }

    @AfterEach
    void smtpIsBack() {
        if (!INFRASTRUCTURE.smtp().isRunning()) {
            INFRASTRUCTURE.smtp().start();
        }
    }

    @Test
    void oneOrderIsEmailedOnceReservedOnceAndCountedOnce() {
        // given
        int stockBefore = available("SKU-010");
        JsonNode summaryBefore = api(ANALYTICS).get("/analytics/summary");
        OrderPlaced first = OrderPlacedRecords.orderPlaced("ada@example.com",
                new OrderLine("SKU-010", "Milk Jug", 5, 1000), new OrderLine("SKU-011", "Tamper", 1, 500));
        OrderPlaced second = OrderPlacedRecords.orderPlaced("grace@example.com", new OrderLine("SKU-010", "Milk Jug", 4, 1000));

        // when
        OrderPlacedRecords.produce(bootstrap(), first);
        OrderPlacedRecords.produce(bootstrap(), second);

        // then
        await().atMost(PROCESSING).untilAsserted(() -> {
            assertThat(mailsFor(first)).isEqualTo(1);
            assertThat(mailsFor(second)).isEqualTo(1);
            assertThat(api(INVENTORY).get("/reservations?orderId=" + first.orderId())).hasSize(2);
            assertThat(api(INVENTORY).get("/reservations?orderId=" + second.orderId())).hasSize(1);
            assertThat(api(ANALYTICS).get("/analytics/summary").get("orders").asLong())
                    .isEqualTo(summaryBefore.get("orders").asLong() + 2);
        });
        assertThat(available("SKU-010")).isEqualTo(stockBefore - 9);
        // A group that falls behind shows it: every service exports its consumers' lag.
        RunningServices.CONSUMERS.forEach(service -> assertThat(SERVICES.context(service).getBean(MeterRegistry.class)
                .find("kafka.consumer.fetch.manager.records.lag.max").gauges()).as(service.serviceName()).isNotEmpty());
        JsonNode summary = api(ANALYTICS).get("/analytics/summary");
        assertThat(summary.get("revenueCents").asLong())
                .isEqualTo(summaryBefore.get("revenueCents").asLong() + first.totalCents() + second.totalCents());
        JsonNode jugs = summary.get("topProducts").valueStream()
                .filter(product -> product.get("sku").asString().equals("SKU-010")).findFirst().orElseThrow();
        assertThat(jugs.get("units").asLong()).isGreaterThanOrEqualTo(9);
        assertThat(jugs.get("revenueCents").asLong()).isEqualTo(jugs.get("units").asLong() * 1000);
    }

    @Test
    void theSameEventDeliveredTwiceHasOneEffectInEveryService() {
        // given
        OrderPlaced order = OrderPlacedRecords.orderPlaced("linus@example.com", new OrderLine("SKU-012", "Dosing Cup", 1, 1500));
        UUID eventId = UUID.randomUUID();
        Map<SystemService, Double> duplicatesBefore = counters("duplicate");
        long ordersBefore = api(ANALYTICS).get("/analytics/summary").get("orders").asLong();

        // when
        OrderPlacedRecords.produce(bootstrap(), order, eventId);
        OrderPlacedRecords.produce(bootstrap(), order, eventId);

        // then: every group saw the second delivery and skipped it
        await().atMost(PROCESSING).until(() -> RunningServices.CONSUMERS.stream()
                .allMatch(service -> counter(service, "duplicate") >= duplicatesBefore.get(service) + 1));
        assertThat(mailsFor(order)).isEqualTo(1);
        assertThat(api(INVENTORY).get("/reservations?orderId=" + order.orderId())).hasSize(1);
        assertThat(api(ANALYTICS).get("/analytics/summary").get("orders").asLong()).isEqualTo(ordersBefore + 1);
    }

    @Test
    void aPoisonRecordIsParkedByEveryGroupAtOnceAndTheNextOrderIsProcessedByAll() {
        // given
        Map<SystemService, Double> retriedBefore = counters("retried");
        String poisonId = UUID.randomUUID().toString();
        String unknownTypeId = UUID.randomUUID().toString();

        // when: invalid JSON under valid headers, then a record of a type nobody knows, then a valid order
        OrderPlacedRecords.produceRaw(bootstrap(), "poison", "{not json".getBytes(StandardCharsets.UTF_8),
                Map.of(EventHeaders.ID, poisonId, EventHeaders.TYPE, OrderPlaced.TYPE));
        OrderPlacedRecords.produceRaw(bootstrap(), "unknown", "{}".getBytes(StandardCharsets.UTF_8),
                Map.of(EventHeaders.ID, unknownTypeId, EventHeaders.TYPE, "com.example.checkout.order.OrderShipped.v7"));
        OrderPlaced next = OrderPlacedRecords.orderPlaced("ada@example.com", new OrderLine("SKU-013", "Brush", 1, 300));
        OrderPlacedRecords.produce(bootstrap(), next);

        // then: parked by each group, never retried, and the next order went through everywhere
        await().atMost(PROCESSING).untilAsserted(() -> {
            for (SystemService service : RunningServices.CONSUMERS) {
                List<String> parked = api(service).parked().stream().map(entry -> entry.get("eventId").asString()).toList();
                assertThat(parked).as(service.serviceName()).contains(poisonId, unknownTypeId);
            }
            assertThat(mailsFor(next)).isEqualTo(1);
            assertThat(api(INVENTORY).get("/reservations?orderId=" + next.orderId())).hasSize(1);
        });
        for (SystemService service : RunningServices.CONSUMERS) {
            JsonNode poison = api(service).parked().stream()
                    .filter(entry -> entry.get("eventId").asString().equals(poisonId)).findFirst().orElseThrow();
            assertThat(poison.get("attempts").asInt()).as(service.serviceName()).isEqualTo(1);
            assertThat(poison.get("topic").asString()).isEqualTo("orders." + service.serviceName() + ".dlt");
            assertThat(counter(service, "retried")).as(service.serviceName()).isEqualTo(retriedBefore.get(service));
        }
    }

    @Test
    void theEmailGroupsRetriesAreNeverSeenByTheOtherGroups() throws Exception {
        // given: the mail server is down, so only the email group retries
        Map<SystemService, Double> processedBefore = counters("processed");
        double emailRetriedBefore = counter(EMAIL, "retried");
        INFRASTRUCTURE.smtp().stop();
        OrderPlaced order = OrderPlacedRecords.orderPlaced("barbara@example.com", new OrderLine("SKU-014", "Scoop", 1, 250));

        // when
        UUID eventId = OrderPlacedRecords.produce(bootstrap(), order);
        await().atMost(PROCESSING).until(() -> counter(EMAIL, "retried") >= emailRetriedBefore + 2);
        INFRASTRUCTURE.smtp().start();
        await().atMost(PROCESSING).until(() -> mailsFor(order) == 1);

        // then: the retries went over the email group's own topics...
        assertThat(TopicRecords.all(bootstrap(), "orders.email-service.retry-0"))
                .anyMatch(record -> eventId.toString().equals(TopicRecords.header(record, EventHeaders.ID)));
        // ...the other groups processed the order exactly once, from the main topic...
        await().atMost(PROCESSING).until(() -> counter(INVENTORY, "processed") >= processedBefore.get(INVENTORY) + 1
                && counter(ANALYTICS, "processed") >= processedBefore.get(ANALYTICS) + 1);
        assertThat(counter(INVENTORY, "processed")).isEqualTo(processedBefore.get(INVENTORY) + 1);
        assertThat(counter(ANALYTICS, "processed")).isEqualTo(processedBefore.get(ANALYTICS) + 1);
        // ...and none of their consumers (main, retry and DLT listeners alike) ever committed an offset on the email
        // group's topics — while the email group's own retry consumer did, which shows the check sees retry consumers.
        Map<String, Set<String>> committed = committedTopicsByGroup();
        assertThat(committed).hasEntrySatisfying(EMAIL.serviceName() + "." + EMAIL.serviceName() + ".retry-0",
                topics -> assertThat(topics).contains("orders.email-service.retry-0"));
        for (SystemService other : List.of(INVENTORY, ANALYTICS)) {
            Map<String, Set<String>> ofTheGroup = committed.entrySet().stream()
                    .filter(group -> group.getKey().startsWith(other.serviceName()))
                    .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
            assertThat(ofTheGroup).as(other.serviceName()).containsKey(other.serviceName());
            assertThat(ofTheGroup.get(other.serviceName())).contains("orders");
            assertThat(ofTheGroup.values()).as(other.serviceName()).allSatisfy(topics ->
                    assertThat(topics).noneMatch(topic -> topic.startsWith("orders.email-service.")));
        }
    }

    /** Every consumer group on the broker, with the topics it committed offsets on. */
    private static Map<String, Set<String>> committedTopicsByGroup() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap()))) {
            Map<String, Set<String>> committed = new HashMap<>();
            for (GroupListing group : admin.listGroups().all().get()) {
                Map<TopicPartition, ?> offsets = admin.listConsumerGroupOffsets(group.groupId())
                        .partitionsToOffsetAndMetadata().get();
                committed.put(group.groupId(), offsets.keySet().stream().map(TopicPartition::topic).collect(Collectors.toSet()));
            }
            return committed;
        }
    }

    private int available(String sku) {
        return api(INVENTORY).get("/stock/" + sku).get("available").asInt();
    }

    private static long mailsFor(OrderPlaced order) {
        return SERVICES.mailsAbout(order.orderId());
    }

    private static Map<SystemService, Double> counters(String outcome) {
        Map<SystemService, Double> counts = new EnumMap<>(SystemService.class);
        RunningServices.CONSUMERS.forEach(service -> counts.put(service, counter(service, outcome)));
        return counts;
    }

    private static double counter(SystemService service, String outcome) {
        return SERVICES.counter(service, outcome);
    }

    private static ServiceClient api(SystemService service) {
        return SERVICES.api(service);
    }

    private static String bootstrap() {
        return INFRASTRUCTURE.kafka().bootstrapServers();
    }
}
