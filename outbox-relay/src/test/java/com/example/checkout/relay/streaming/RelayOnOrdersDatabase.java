package com.example.checkout.relay.streaming;

import com.example.checkout.infrastructure.SharedInfrastructure;
import com.example.checkout.relay.OutboxRelayApplication;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The relay's context on the {@code orders} database of the JVM's shared infrastructure, behind the real
 * order-service that places the orders. Every integration test class extends this with the same properties, so
 * Spring builds the relay's context once per test JVM.
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
    OutboxRelays relays;

    /** The relay of the {@code orders} source, the only one this context streams. */
    OutboxRelay relay;

    OrderService orderService;
    OrdersTopic ordersTopic;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        // order-service first: its migrations create the slot and the publication before the relay starts.
        OrderService.shared();
        SharedInfrastructure.register(registry, "orders");
    }

    @BeforeEach
    void connect() {
        relay = relays.source(RelaySource.ORDERS);
        orderService = OrderService.shared();
        ordersTopic = new OrdersTopic(SharedInfrastructure.get().kafka().bootstrapServers());
    }

    @AfterEach
    void disconnect() {
        ordersTopic.close();
    }
}
