package com.example.checkout.relay.streaming;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * Tests whose relays are processes of their own ({@link RelayProcess}), to be killed for real. The relay of the
 * shared test context stands aside meanwhile (a graceful stop: its offsets are committed) and streams again after.
 */
abstract class WithRelayProcesses extends RelayOnOrdersDatabase {

    static final Duration START_UP = Duration.ofSeconds(120);

    @BeforeEach
    void inProcessRelayStandsAside() {
        relay.stop();
    }

    @AfterEach
    void inProcessRelayStreamsAgain() {
        relay.start();
        await().atMost(START_UP).until(() -> relay.state().phase() == RelayState.Phase.RUNNING);
    }

    static void awaitState(RelayProcess process, String state) {
        await().atMost(START_UP).pollInterval(Duration.ofMillis(200))
                .until(() -> process.state(RelaySource.ORDERS).equals(state));
    }

    /** Places {@code count} orders from four shoppers in the background. */
    CompletableFuture<List<String>> placeOrdersMeanwhile(int count) {
        return CompletableFuture.supplyAsync(() -> orderService.placeOrders(count, 4));
    }

    /** Waits until at least {@code count} more records than {@code before} are on the topic. */
    void awaitRecordsBeyond(int before, int count) {
        await().atMost(START_UP).until(() -> ordersTopic.poll().size() >= before + count);
    }

    static Set<String> orderIdsOf(List<ConsumerRecord<String, String>> events) {
        return events.stream().map(ConsumerRecord::key).collect(java.util.stream.Collectors.toSet());
    }
}
