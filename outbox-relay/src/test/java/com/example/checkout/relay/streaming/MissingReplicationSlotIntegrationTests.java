package com.example.checkout.relay.streaming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import com.example.checkout.infrastructure.SharedInfrastructure;
import com.example.checkout.relay.OutboxRelayApplication;
import com.example.checkout.services.SystemService;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

class MissingReplicationSlotIntegrationTests {

    private static final String MISSING_SLOT = "outbox_relay_missing";

    @Test
    void aRelayWhoseSlotIsMissingRefusesToStreamRatherThanCreateALateSlotAndIsDownWithTheRecovery() {
        // given order-service's outbox, and a relay configured with a slot nobody created
        OrderService orderService = OrderService.shared();
        Map<String, Object> properties = new LinkedHashMap<>(SharedInfrastructure.get().springProperties(SystemService.RELAY));
        properties.put("server.port", 0);
        properties.put("checkout.relay.slot-name", MISSING_SLOT);
        // A lock and offsets of its own: the relay of the other tests may be leading on this database.
        properties.put("checkout.relay.leader-lock-id", 4242);
        properties.put("checkout.relay.offsets-topic", "outbox-relay-missing-slot.offsets");

        // when
        try (ConfigurableApplicationContext context = SpringApplications.run(OutboxRelayApplication.class,
                OutboxRelayApplication.CONFIG, properties)) {
            OutboxRelay relay = context.getBean(OutboxRelays.class).source(RelaySource.ORDERS);

            // then
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                assertThat(relay.state().phase()).isEqualTo(RelayState.Phase.FAILED);
                assertThat(relay.state().failure()).containsInstanceOf(ReplicationSlotCheck.MissingSlot.class);
            });
            assertThat(orderService.database().sql("SELECT count(*) FROM pg_replication_slots WHERE slot_name = ?")
                    .param(MISSING_SLOT).query(Integer.class).single()).isZero();
            LostReplicationSlotIntegrationTests.assertDownWithRecovery(
                    context.getBean(RelayHealthIndicator.class).health(), RelaySource.ORDERS,
                    "replication slot '" + MISSING_SLOT + "' (pgoutput) does not exist");
        }
    }
}
