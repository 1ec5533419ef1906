package com.example.checkout.relay.streaming;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.example.checkout.infrastructure.SharedInfrastructure;
import com.example.checkout.relay.OutboxRelayApplication;
import com.example.checkout.relay.streaming.RunningOrderService.OrderServiceClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The relay's context next to a running order service, both on the JVM's shared infrastructure. Every
 * integration test class extends this with the same properties, so Spring builds the relay's context once per
 * test JVM.
 */
@SpringBootTest(classes = OutboxRelayApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                OutboxRelayApplication.CONFIG,
                // Short enough that the heartbeat test sees the slot move within seconds.
                "checkout.relay.heartbeat-interval=500ms",
                "checkout.relay.offset-flush-interval=200ms",
                "checkout.relay.restart-backoff=500ms",
                "checkout.relay.standby-retry-interval=200ms"})
abstract class RelayWithOrderService {

    @Autowired
    OutboxRelay relay;

    OrderServiceClient orderService;
    OrdersTopic ordersTopic;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        // The order service first: its migrations create the slot and publication the relay needs.
        RunningOrderService.get();
        SharedInfrastructure.register(registry, "orders");
    }

    @BeforeEach
    void connect() {
        orderService = RunningOrderService.get();
        ordersTopic = new OrdersTopic(SharedInfrastructure.get().kafka().bootstrapServers());
    }

    @AfterEach
    void disconnect() {
        ordersTopic.close();
    }

    /** Places {@code count} orders through {@code clients} concurrent HTTP clients and returns their ids. */
    List<String> placeOrdersConcurrently(int count, int clients) throws Exception {
        try (ExecutorService shoppers = Executors.newFixedThreadPool(clients)) {
            List<Future<String>> placed = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                placed.add(shoppers.submit(orderService::placeOrder));
            }
            List<String> orderIds = new ArrayList<>();
            for (Future<String> order : placed) {
                orderIds.add(order.get());
            }
            return orderIds;
        }
    }
}
