package com.example.checkout.consumer.it;

import java.time.Duration;
import java.util.UUID;

import com.example.checkout.consumer.ConsumerMetrics;
import com.example.checkout.consumer.EventRecords;
import com.example.checkout.events.OrderPlaced;
import com.example.checkout.events.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One event on two partitions of {@code orders} reaches two consumers of the group at the same time (a relay that
 * sent it twice, or a record a rebalance handed to a second consumer while the first still worked on it). The first
 * is held inside its transaction until the second is seen waiting on the event's {@code processed_events} row; then
 * both finish: one effect, one duplicate.
 */
class ConcurrentDuplicateDeliveryIntegrationTests extends TestConsumerIntegrationTest {

    private static final Duration PROCESSING = Duration.ofSeconds(60);

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MeterRegistry meters;

    @Autowired
    KafkaListenerEndpointRegistry listeners;

    private final JdbcClient superuser = TestConsumer.superuser();

    @BeforeEach
    void emptyTables() {
        TestConsumer.clearTables(jdbc);
    }

    @AfterEach
    void letGo() {
        RecordingHandler.release();
        RecordingHandler.held.clear();
    }

    @Test
    void theSameEventDeliveredToTwoConsumersOfTheGroupAtOnceHasOneEffect() {
        // given every partition of orders assigned, one consumer thread each (concurrency 3)
        var main = (ConcurrentMessageListenerContainer<?, ?>) listeners.getListenerContainer("reliable-consumer-test");
        await().atMost(PROCESSING).until(() -> main.getContainers().size() == 3 && main.getContainers().stream()
                .allMatch(consumer -> consumer.getAssignedPartitions() != null && consumer.getAssignedPartitions().size() == 1));
        RecordingHandler.hold();
        RecordingHandler.held.add("twice@example.com");
        OrderPlaced order = TestConsumer.order("twice@example.com");
        UUID eventId = UUID.randomUUID();
        double processedBefore = outcome("processed");
        double duplicatesBefore = outcome("duplicate");

        // when the same event lands on partitions 0 and 1
        EventRecords.produce(TestConsumer.bootstrap(), Topics.ORDERS, 0, order, eventId);
        EventRecords.produce(TestConsumer.bootstrap(), Topics.ORDERS, 1, order, eventId);

        // then the second consumer waits on the first one's uncommitted processed_events row
        await().atMost(PROCESSING).until(() -> superuser.sql("""
                        SELECT count(*) FROM pg_stat_activity WHERE usename = ? AND wait_event_type = 'Lock'""")
                .param(TestConsumer.role()).query(Long.class).single() == 1);
        RecordingHandler.release();
        await().atMost(PROCESSING).until(() -> outcome("duplicate") - duplicatesBefore == 1);
        assertThat(outcome("processed") - processedBefore).isEqualTo(1);
        assertThat(RecordingHandler.effects(jdbc, order.orderId())).isEqualTo(1);
    }

    private double outcome(String outcome) {
        return meters.get(ConsumerMetrics.EVENTS).tag("outcome", outcome).counter().count();
    }
}
