package com.example.checkout.relay.streaming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.example.checkout.infrastructure.PostgresServer;
import com.example.checkout.infrastructure.SharedInfrastructure;
import com.example.checkout.relay.OutboxRelayApplication;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * One relay streaming two source databases, each with its own engine, slot, publication, offsets and leader lock:
 * one source's database becoming unreachable leaves the other streaming, and it resumes when back.
 */
class SeveralSourcesIntegrationTests {

    private static final Duration PATIENCE = Duration.ofSeconds(90);

    private final PostgresServer postgres = SharedInfrastructure.get().postgres();
    private final String kafka = SharedInfrastructure.get().kafka().bootstrapServers();

    @Test
    void whenOneSourcesDatabaseIsUnreachableTheOtherKeepsStreamingAndItResumesWhenBack() {
        // given a relay with two sources, the first behind a proxy that can take its database away
        OtherSourceDatabase first = new OtherSourceDatabase("relay_first");
        OtherSourceDatabase second = new OtherSourceDatabase("relay_second");
        try (TcpProxy network = new TcpProxy(postgres.host(), postgres.port());
                ConfigurableApplicationContext context = SpringApplications.run(OutboxRelayApplication.class,
                        OutboxRelayApplication.CONFIG, properties(network, first, second));
                OrdersTopic firstTopic = new OrdersTopic(kafka, first.topic());
                OrdersTopic secondTopic = new OrdersTopic(kafka, second.topic())) {
            OutboxRelays relays = context.getBean(OutboxRelays.class);
            assertThat(relays.all()).extracting(relay -> relay.source().name()).containsExactlyInAnyOrder("first", "second");
            String beforeFirst = first.writeEvent();
            String beforeSecond = second.writeEvent();
            await().atMost(PATIENCE).until(() -> !firstTopic.eventsOf(List.of(beforeFirst)).isEmpty());
            await().atMost(PATIENCE).until(() -> !secondTopic.eventsOf(List.of(beforeSecond)).isEmpty());

            // when the first source's database becomes unreachable
            network.disconnect();
            String duringOutage = first.writeEvent();

            // then its relay fails, and the second keeps streaming
            await().atMost(PATIENCE).until(() -> relays.source("first").state().phase() == RelayState.Phase.FAILED);
            String whileFirstIsDown = second.writeEvent();
            await().atMost(PATIENCE).until(() -> !secondTopic.eventsOf(List.of(whileFirstIsDown)).isEmpty());
            assertThat(relays.source("second").state().phase()).isEqualTo(RelayState.Phase.RUNNING);

            // and when it is back, the first resumes, with what was written meanwhile
            network.restore();
            String afterOutage = first.writeEvent();
            await().atMost(PATIENCE).until(() -> firstTopic.eventsOf(List.of(duringOutage, afterOutage)).size() >= 2);
            assertThat(relays.source("first").state().phase()).isEqualTo(RelayState.Phase.RUNNING);
        }
    }

    private Map<String, Object> properties(TcpProxy network, OtherSourceDatabase first, OtherSourceDatabase second) {
        Map<String, Object> properties = new LinkedHashMap<>(SharedInfrastructure.get().springProperties("orders"));
        properties.put("server.port", 0);
        // This relay streams only the two test sources; the shared test context leads the orders source.
        properties.put("checkout.relay.orders-enabled", false);
        properties.put("checkout.relay.restart-backoff", "500ms");
        properties.put("checkout.relay.standby-retry-interval", "200ms");
        first.addAsSource(properties, "first", network.jdbcUrl(first.database()));
        second.addAsSource(properties, "second", second.jdbcUrl());
        return properties;
    }
}
