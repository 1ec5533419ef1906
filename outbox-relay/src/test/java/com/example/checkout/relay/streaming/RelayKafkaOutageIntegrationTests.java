package com.example.checkout.relay.streaming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;

import com.example.checkout.infrastructure.KafkaBroker;
import com.example.checkout.infrastructure.SharedInfrastructure;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RelayKafkaOutageIntegrationTests extends RelayOnOrdersDatabase {

    private static final Duration PATIENCE = Duration.ofSeconds(120);

    private final KafkaBroker kafka = SharedInfrastructure.get().kafka();

    @AfterEach
    void kafkaRunsAgain() {
        if (!kafka.isRunning()) {
            kafka.start();
        }
    }

    @Test
    void ordersPlacedWhileKafkaIsDownArriveOnceItIsBack() {
        // given
        await().atMost(PATIENCE).until(() -> relay.state().phase() == RelayState.Phase.RUNNING);

        // when
        kafka.stop();
        // Checkout never waits for Kafka: every order is taken (201) while the broker is down.
        List<String> orderIds = orderService.placeOrders(50, 4);
        kafka.start();

        // then
        List<ConsumerRecord<String, String>> events = await().atMost(PATIENCE)
                .until(() -> ordersTopic.eventsOf(orderIds), received -> received.stream()
                        .map(ConsumerRecord::key).distinct().count() == orderIds.size());
        assertThat(events.stream().map(ConsumerRecord::key).distinct())
                .as("%d orders, %d records, relay state afterwards %s", orderIds.size(), events.size(),
                        relay.state().phase())
                .containsExactlyInAnyOrderElementsOf(orderIds);
    }
}
