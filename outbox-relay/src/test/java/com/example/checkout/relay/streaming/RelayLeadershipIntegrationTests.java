package com.example.checkout.relay.streaming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.example.checkout.infrastructure.SharedInfrastructure;
import com.example.checkout.relay.OutboxRelayApplication;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

class RelayLeadershipIntegrationTests extends RelayOnOrdersDatabase {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @AfterEach
    void firstRelayLeadsAgain() {
        relay.start();
        await().atMost(PATIENCE).until(() -> relay.state().phase() == RelayState.Phase.RUNNING);
    }

    @Test
    void aSecondInstanceWaitsAsStandbyAndTakesOverWhenTheLeaderStops() {
        // given
        await().atMost(PATIENCE).until(() -> relay.state().phase() == RelayState.Phase.RUNNING);

        Map<String, Object> properties = new LinkedHashMap<>(SharedInfrastructure.get().springProperties("orders"));
        properties.put("server.port", 0);
        properties.put("checkout.relay.standby-retry-interval", "200ms");
        try (ConfigurableApplicationContext secondInstance = SpringApplications.run(OutboxRelayApplication.class,
                OutboxRelayApplication.CONFIG, properties)) {
            OutboxRelay standby = secondInstance.getBean(OutboxRelays.class).source(RelaySource.ORDERS);
            await().atMost(PATIENCE).until(() -> standby.state().phase() == RelayState.Phase.STANDBY);
            assertThat(relay.state().phase()).isEqualTo(RelayState.Phase.RUNNING);

            // when
            relay.stop();

            // then
            await().atMost(PATIENCE).until(() -> standby.state().phase() == RelayState.Phase.RUNNING);
            String orderId = orderService.placeOrder();
            await().atMost(PATIENCE).until(() -> ordersTopic.eventsOf(List.of(orderId)), events -> !events.isEmpty());
        }
    }
}
