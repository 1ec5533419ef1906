package com.example.checkout.relay.streaming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class RelayCrashIntegrationTests extends RelayOnOrdersDatabase {

    private static final Duration PATIENCE = Duration.ofSeconds(90);

    @Autowired
    MeterRegistry meters;

    @AfterEach
    void relayRunsAgain() {
        relay.start();
        await().atMost(PATIENCE).until(() -> relay.state().phase() == RelayState.Phase.RUNNING);
    }

    @Test
    void everyOrderArrivesWhenTheRelayCrashesWhileStreamingAndStartsAgain() throws Exception {
        // given the relay is streaming a burst of orders
        await().atMost(PATIENCE).until(() -> relay.state().phase() == RelayState.Phase.RUNNING);
        double relayedBefore = relayed();
        CompletableFuture<List<String>> burst = CompletableFuture.supplyAsync(() -> orderService.placeOrders(400, 4));
        await().atMost(PATIENCE).until(() -> relayed() >= relayedBefore + 50);

        // when it dies mid-stream, more orders come in while it is down, and it starts again
        relay.crash();
        boolean burstStillRunning = !burst.isDone();
        assertThat(relay.state().phase()).isEqualTo(RelayState.Phase.STOPPED);
        List<String> orderIds = new ArrayList<>(burst.get());
        orderIds.addAll(orderService.placeOrders(100, 4));
        relay.start();

        // then every order's event arrives (duplicates allowed, none missing)
        List<ConsumerRecord<String, String>> events = await().atMost(PATIENCE)
                .until(() -> ordersTopic.eventsOf(orderIds), received -> orderIdsOf(received).size() >= 500);
        assertThat(orderIdsOf(events)).containsExactlyInAnyOrderElementsOf(orderIds);
        Set<String> eventIds = events.stream().map(OrdersTopic::eventId).collect(Collectors.toSet());
        assertThat(eventIds).hasSize(500).containsExactlyInAnyOrderElementsOf(orderService.eventIdsOf(orderIds));
        System.out.printf("Relay crash while streaming (checkouts still coming in: %s): 500 orders, %d records, "
                + "%d duplicates, 0 missing%n", burstStillRunning, events.size(), events.size() - eventIds.size());
    }

    private double relayed() {
        return meters.counter(RelayMetrics.EVENTS_RELAYED).count();
    }

    private static Set<String> orderIdsOf(List<ConsumerRecord<String, String>> events) {
        Set<String> ids = new HashSet<>();
        events.forEach(event -> ids.add(event.key()));
        return ids;
    }
}
