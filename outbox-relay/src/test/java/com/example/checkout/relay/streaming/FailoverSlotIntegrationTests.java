package com.example.checkout.relay.streaming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import com.example.checkout.infrastructure.SharedInfrastructure;
import com.example.checkout.relay.OutboxRelayApplication;
import com.example.checkout.services.SystemService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code checkout.relay.slot-failover=true} (the production overlay's setting) turns the migration's ordinary slot
 * into a failover slot before streaming from it, which CloudNativePG's {@code synchronizeLogicalDecoding} then keeps
 * in step on the standbys.
 */
class FailoverSlotIntegrationTests {

    private static final String SLOT = "outbox_relay_failover";

    private final OrderService orderService = OrderService.shared();

    @AfterEach
    void dropTheSlot() {
        orderService.database().sql("SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = ?")
                .param(SLOT).query().listOfRows();
    }

    @Test
    void aRelayWithSlotFailoverMakesItsSlotAFailoverSlotAndStreamsFromIt() {
        // given an ordinary slot, as the owning service's migration creates it
        orderService.database().sql("SELECT pg_create_logical_replication_slot(?, 'pgoutput')").param(SLOT)
                .query().listOfRows();
        assertThat(failover()).isFalse();
        Map<String, Object> properties = new LinkedHashMap<>(SharedInfrastructure.get().springProperties(SystemService.RELAY));
        properties.put("server.port", 0);
        properties.put("checkout.relay.slot-name", SLOT);
        properties.put("checkout.relay.slot-failover", true);
        // A lock and offsets of its own: the relay of the other tests may be leading on this database.
        properties.put("checkout.relay.leader-lock-id", 4343);
        properties.put("checkout.relay.offsets-topic", "outbox-relay-failover-slot.offsets");

        // when
        try (ConfigurableApplicationContext context = SpringApplications.run(OutboxRelayApplication.class,
                OutboxRelayApplication.CONFIG, properties)) {
            OutboxRelay relay = context.getBean(OutboxRelays.class).source(RelaySource.ORDERS);

            // then
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                    assertThat(relay.state().phase()).isEqualTo(RelayState.Phase.RUNNING));
            assertThat(failover()).isTrue();
        }
    }

    private boolean failover() {
        return orderService.database().sql("SELECT failover FROM pg_replication_slots WHERE slot_name = ?")
                .param(SLOT).query(Boolean.class).single();
    }
}
