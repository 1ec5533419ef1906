package com.example.checkout.relay.streaming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.example.checkout.infrastructure.PostgresServer;
import com.example.checkout.infrastructure.SharedInfrastructure;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * A standby relay process takes over when the leader dies without saying goodbye, within the stated bound, and
 * every order still arrives (duplicates allowed and counted). The leader lock is a lease of
 * {@code checkout.relay.leader-lease} (the lock session's {@code idle_session_timeout}), renewed by the lock's own
 * thread every third of the lease and by the leader's check every {@code leadership-check-interval}.
 */
class RelayLeaderFailoverIntegrationTests extends WithRelayProcesses {

    private static final Duration PATIENCE = Duration.ofSeconds(150);
    /** When the leader's sockets are closed by its kernel (SIGKILL): standby retry, engine start, slot retry. */
    private static final Duration TAKEOVER_AFTER_KILL = Duration.ofSeconds(30);
    /** When nothing is closed: the lease, then the dead walsender's wal_sender_timeout (60 s), then a slot retry. */
    private static final Duration TAKEOVER_AFTER_SILENCE = Duration.ofSeconds(100);
    /** Two leadership checks (3 s each by default) and the engine's stop. */
    private static final Duration LEADER_NOTICES = Duration.ofSeconds(10);

    private final PostgresServer postgres = SharedInfrastructure.get().postgres();

    @Test
    void theStandbyStreamsWithinTheBoundWhenTheLeaderProcessIsKilledMidStream() throws Exception {
        // given a leader process streaming a burst of orders, and a standby process
        Map<String, Object> properties = standbyReady(RelayProcess.ordersProperties());
        int before = ordersTopic.pollToTheEnd().size();
        try (RelayProcess leader = RelayProcess.start("failover-kill-leader", properties);
                RelayProcess standby = startStandbyBehind(leader, "failover-kill-standby", properties)) {
            var burst = placeOrdersMeanwhile(300);
            awaitRecordsBeyond(before, 50);

            // when the leader is killed
            Instant killedAt = Instant.now();
            leader.kill();

            // then the standby streams within the bound, and every order arrives
            await().atMost(TAKEOVER_AFTER_KILL).pollInterval(Duration.ofMillis(100))
                    .until(() -> standby.state(RelaySource.ORDERS).equals("RUNNING"));
            Duration running = Duration.between(killedAt, Instant.now());
            List<String> orderIds = new ArrayList<>(burst.get());
            // Streaming, not just started: every order of the burst (placed before and after the kill) arrived.
            await().atMost(TAKEOVER_AFTER_KILL).until(() -> orderIdsOf(ordersTopic.eventsOf(orderIds)).size()
                    == orderIds.size());
            Duration streaming = Duration.between(killedAt, Instant.now());
            orderIds.addAll(orderService.placeOrders(50, 2));
            int duplicates = assertEveryOrderArrives(orderIds);
            System.out.printf("Leader SIGKILLed: standby RUNNING after %d ms, the burst's orders all on the topic "
                    + "after %d ms (bound %d s); %d orders, %d duplicates%n", running.toMillis(), streaming.toMillis(),
                    TAKEOVER_AFTER_KILL.toSeconds(), orderIds.size(), duplicates);
            standby.stop();
        }
    }

    @Test
    void whenTheLeadersLockSessionIsTerminatedItStopsStreamingAndTheStandbyTakesOver() throws Exception {
        // given
        Map<String, Object> properties = standbyReady(RelayProcess.ordersProperties());
        int before = ordersTopic.pollToTheEnd().size();
        try (RelayProcess leader = RelayProcess.start("failover-terminate-leader", properties);
                RelayProcess standby = startStandbyBehind(leader, "failover-terminate-standby", properties)) {
            var burst = placeOrdersMeanwhile(200);
            awaitRecordsBeyond(before, 30);

            // when an operator (or a failover) ends the leader's lock session
            assertThat(orderService.database().sql("SELECT pg_terminate_backend(?)").param(lockHolder())
                    .query(Boolean.class).single()).isTrue();

            // then the old leader stops streaming, the standby takes over, and nothing is lost
            await().atMost(PATIENCE).pollInterval(Duration.ofMillis(100)).until(
                    () -> standby.state(RelaySource.ORDERS).equals("RUNNING"));
            // The old leader learns it lost the lock at its next check (leadership-check-interval, 3 s); its
            // walsender holds the slot until then, which keeps the standby from streaming alongside it.
            await().atMost(LEADER_NOTICES).pollInterval(Duration.ofMillis(100))
                    .until(() -> !leader.state(RelaySource.ORDERS).equals("RUNNING"));
            List<String> orderIds = new ArrayList<>(burst.get());
            orderIds.addAll(orderService.placeOrders(50, 2));
            int duplicates = assertEveryOrderArrives(orderIds);
            System.out.printf("Leader's lock session terminated: %d orders, %d duplicates%n", orderIds.size(),
                    duplicates);
            standby.stop();
        }
    }

    @Test
    void whenTheLeadersConnectionsGoSilentWithoutAFinTheStandbyTakesOverWithinTheBound() throws Exception {
        // given a leader whose every database connection runs through a proxy, with a short lease
        Map<String, Object> properties = standbyReady(RelayProcess.ordersProperties());
        properties.put("checkout.relay.leader-lease", "6s");
        properties.put("checkout.relay.leadership-check-interval", "1s");
        try (TcpProxy network = new TcpProxy(postgres.host(), postgres.port())) {
            Map<String, Object> leaderProperties = new java.util.LinkedHashMap<>(properties);
            leaderProperties.put("spring.datasource.url", network.jdbcUrl("orders"));
            try (RelayProcess leader = RelayProcess.start("failover-silent-leader", leaderProperties);
                    RelayProcess standby = startStandbyBehind(leader, "failover-silent-standby", properties)) {
                String warmUp = orderService.placeOrder();
                await().atMost(PATIENCE).until(() -> ordersTopic.eventsOf(List.of(warmUp)), e -> !e.isEmpty());

                // when the network between the leader and Postgres drops everything, closing nothing
                Instant silentAt = Instant.now();
                network.blackhole();
                List<String> orderIds = orderService.placeOrders(50, 2);

                // then the leader notices and stops, Postgres ends its lease, the standby streams within the bound
                await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
                        .until(() -> !leader.state(RelaySource.ORDERS).equals("RUNNING"));
                await().atMost(TAKEOVER_AFTER_SILENCE).pollInterval(Duration.ofMillis(200))
                        .until(() -> standby.state(RelaySource.ORDERS).equals("RUNNING"));
                // Streaming, not just started: the orders placed into the silence are on the topic.
                await().atMost(TAKEOVER_AFTER_SILENCE.minus(Duration.between(silentAt, Instant.now())))
                        .until(() -> orderIdsOf(ordersTopic.eventsOf(orderIds)).size() == orderIds.size());
                Duration takeover = Duration.between(silentAt, Instant.now());
                int duplicates = assertEveryOrderArrives(orderIds);
                System.out.printf("Leader's network silent (no FIN): its orders streamed by the standby after %d ms "
                        + "(bound %d s); "
                        + "%d orders, %d duplicates%n", takeover.toMillis(), TAKEOVER_AFTER_SILENCE.toSeconds(),
                        orderIds.size(), duplicates);
                standby.stop();
            }
        }
    }

    private static Map<String, Object> standbyReady(Map<String, Object> properties) {
        properties.put("checkout.relay.standby-retry-interval", "500ms");
        properties.put("checkout.relay.restart-backoff", "1s");
        return properties;
    }

    private static RelayProcess startStandbyBehind(RelayProcess leader, String name, Map<String, Object> properties) {
        awaitState(leader, "RUNNING");
        RelayProcess standby = RelayProcess.start(name, properties);
        awaitState(standby, "STANDBY");
        return standby;
    }

    /** The backend holding the relay's advisory lock on the orders database (a bigint key: class and object id). */
    private int lockHolder() {
        return orderService.database().sql("""
                SELECT pid FROM pg_locks
                WHERE locktype = 'advisory' AND granted AND database = (SELECT oid FROM pg_database WHERE datname = 'orders')
                  AND ((classid::bigint << 32) | objid::bigint) = ?""")
                .param(7242635133937434721L).query(Integer.class).single();
    }

    /** Every order's event is on the topic; returns how many records were duplicates. */
    private int assertEveryOrderArrives(List<String> orderIds) {
        List<ConsumerRecord<String, String>> events = await().atMost(PATIENCE)
                .until(() -> ordersTopic.eventsOf(orderIds), received -> orderIdsOf(received).size() >= orderIds.size());
        assertThat(orderIdsOf(events)).containsExactlyInAnyOrderElementsOf(orderIds);
        long distinct = events.stream().map(OrdersTopic::eventId).distinct().count();
        assertThat(distinct).isEqualTo(orderIds.size());
        return (int) (events.size() - distinct);
    }
}
