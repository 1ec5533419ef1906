package com.example.checkout.relay.streaming;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.example.checkout.infrastructure.SharedInfrastructure;
import com.example.checkout.relay.OutboxRelayApplication;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The relay's context on the {@code orders} database of the JVM's shared infrastructure, with an outbox to write
 * orders into. Every integration test class extends this with the same properties, so Spring builds the relay's
 * context once per test JVM.
 */
@SpringBootTest(classes = OutboxRelayApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                OutboxRelayApplication.CONFIG,
                // Short enough that the heartbeat test sees the slot move within seconds.
                "checkout.relay.heartbeat-interval=500ms",
                "checkout.relay.offset-flush-interval=200ms",
                "checkout.relay.restart-backoff=500ms",
                "checkout.relay.standby-retry-interval=200ms"})
abstract class RelayOnOrdersDatabase {

    @Autowired
    OutboxRelay relay;

    OrdersOutbox outbox;
    OrdersTopic ordersTopic;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        // The outbox first: the slot and the publication exist before the relay starts, as in production.
        OrdersOutbox.shared();
        SharedInfrastructure.register(registry, "orders");
    }

    @BeforeEach
    void connect() {
        outbox = OrdersOutbox.shared();
        ordersTopic = new OrdersTopic(SharedInfrastructure.get().kafka().bootstrapServers());
    }

    @AfterEach
    void disconnect() {
        ordersTopic.close();
    }

    /** Commits {@code count} orders from {@code clients} concurrent writers and returns their ids. */
    List<String> writeOrdersConcurrently(int count, int clients) throws Exception {
        try (ExecutorService writers = Executors.newFixedThreadPool(clients)) {
            List<Future<String>> placed = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                placed.add(writers.submit(outbox::writeOrderPlaced));
            }
            List<String> orderIds = new ArrayList<>();
            for (Future<String> order : placed) {
                orderIds.add(order.get());
            }
            return orderIds;
        }
    }
}
