package com.example.checkout.relay.streaming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

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
    /**
     * From the SIGKILL to every order of the burst on the topic. Expected: the kernel closes the leader's sockets,
     * so standby retry + engine start, a few seconds; the rest is margin for an engine start on a loaded machine.
     */
    private static final Duration TAKEOVER_AFTER_KILL = Duration.ofSeconds(30);
    /**
     * From the silence to the orders placed into it on the topic. Expected: the dead walsender's
     * {@code wal_sender_timeout} (60 s, longer than the 6 s lease) + a slot retry + engine start, about 70 s.
     */
    private static final Duration TAKEOVER_AFTER_SILENCE = Duration.ofSeconds(100);
    /** A silent leader's check times out (1 s interval + 2 s validation) and its engine stops. */
    private static final Duration LEADER_NOTICES_SILENCE = Duration.ofSeconds(20);
    /** Two leadership checks (3 s each by default) and the engine's stop. */
    private static final Duration LEADER_NOTICES = Duration.ofSeconds(10);

    private final PostgresServer postgres = SharedInfrastructure.get().postgres();

    @Test
    void theStandbyStreamsWithinTheBoundWhenTheLeaderProcessIsKilledMidStream() throws Exception {
        // given a leader process streaming a burst of orders, and a standby process
        Map<String, Object> properties = standbyReady(RelayProcess.ordersProperties());
        int before = ordersTopic.pollToTheEnd().size();
        try (RelayPair relays = RelayPair.start("failover-kill", properties, properties)) {
            RelayProcess leader = relays.leader();
            RelayProcess standby = relays.standby();
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
            String measured = "standby RUNNING %d ms after the SIGKILL, the burst's %d orders on the topic after %d ms"
                    .formatted(running.toMillis(), orderIds.size(), streaming.toMillis());
            assertThat(streaming).as(measured).isLessThanOrEqualTo(TAKEOVER_AFTER_KILL);
            orderIds.addAll(orderService.placeOrders(50, 2));
            assertEveryOrderArrives(orderIds, measured);
            standby.stop();
        }
    }

    @Test
    void whenTheLeadersLockSessionIsTerminatedItStopsStreamingAndTheStandbyTakesOver() throws Exception {
        // given
        Map<String, Object> properties = standbyReady(RelayProcess.ordersProperties());
        int before = ordersTopic.pollToTheEnd().size();
        try (RelayPair relays = RelayPair.start("failover-terminate", properties, properties)) {
            RelayProcess leader = relays.leader();
            RelayProcess standby = relays.standby();
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
            assertEveryOrderArrives(orderIds, "leader's lock session terminated");
            standby.stop();
        }
    }

    @Test
    void whenTheLeadersConnectionsGoSilentWithoutAFinTheStandbyTakesOverWithinTheBound() throws Exception {
        // given two relays whose every database connection runs through a proxy of its own, with a short lease
        Map<String, Object> properties = standbyReady(RelayProcess.ordersProperties());
        properties.put("checkout.relay.leader-lease", "6s");
        properties.put("checkout.relay.leadership-check-interval", "1s");
        try (TcpProxy networkA = new TcpProxy(postgres.host(), postgres.port());
                TcpProxy networkB = new TcpProxy(postgres.host(), postgres.port());
                RelayPair relays = RelayPair.start("failover-silent", throughProxy(properties, networkA),
                        throughProxy(properties, networkB))) {
            RelayProcess leader = relays.leader();
            RelayProcess standby = relays.standby();
            TcpProxy network = relays.leaderIsFirst() ? networkA : networkB;
            String warmUp = orderService.placeOrder();
            await().atMost(PATIENCE).until(() -> ordersTopic.eventsOf(List.of(warmUp)), e -> !e.isEmpty());

            // when the network between the leader and Postgres drops everything, closing nothing
            Instant silentAt = Instant.now();
            network.blackhole();
            List<String> orderIds = orderService.placeOrders(50, 2);

            // then the leader notices and stops, Postgres ends its lease, the standby streams within the bound
            await().atMost(LEADER_NOTICES_SILENCE).pollInterval(Duration.ofMillis(200))
                    .until(() -> !leader.state(RelaySource.ORDERS).equals("RUNNING"));
            Duration leaderStopped = Duration.between(silentAt, Instant.now());
            await().atMost(TAKEOVER_AFTER_SILENCE).pollInterval(Duration.ofMillis(200))
                    .until(() -> standby.state(RelaySource.ORDERS).equals("RUNNING"));
            // Streaming, not just started: the orders placed into the silence are on the topic.
            await().atMost(TAKEOVER_AFTER_SILENCE)
                    .until(() -> orderIdsOf(ordersTopic.eventsOf(orderIds)).size() == orderIds.size());
            Duration takeover = Duration.between(silentAt, Instant.now());
            String measured = "network silent (no FIN): old leader stopped after %d ms, the %d orders placed "
                    + "into the silence on the topic after %d ms";
            measured = measured.formatted(leaderStopped.toMillis(), orderIds.size(), takeover.toMillis());
            assertThat(takeover).as(measured).isLessThanOrEqualTo(TAKEOVER_AFTER_SILENCE);
            assertEveryOrderArrives(orderIds, measured);
            standby.stop();
        }
    }

    private static Map<String, Object> standbyReady(Map<String, Object> properties) {
        properties.put("checkout.relay.standby-retry-interval", "500ms");
        properties.put("checkout.relay.restart-backoff", "1s");
        return properties;
    }

    private static Map<String, Object> throughProxy(Map<String, Object> properties, TcpProxy network) {
        Map<String, Object> proxied = new LinkedHashMap<>(properties);
        proxied.put("spring.datasource.url", network.jdbcUrl("orders"));
        return proxied;
    }

    /**
     * Two relay processes started at once (their starts overlap, which saves one start's time per test): whichever
     * takes the lock first leads, the other stands by.
     */
    private record RelayPair(RelayProcess first, RelayProcess second, boolean leaderIsFirst) implements AutoCloseable {

        static RelayPair start(String name, Map<String, Object> firstProperties, Map<String, Object> secondProperties) {
            RelayProcess first = RelayProcess.start(name + "-a", firstProperties);
            RelayProcess second = RelayProcess.start(name + "-b", secondProperties);
            try {
                await().atMost(START_UP).pollInterval(Duration.ofMillis(200)).until(() -> Stream.of(first, second)
                        .map(relay -> relay.state(RelaySource.ORDERS)).sorted().toList()
                        .equals(List.of("RUNNING", "STANDBY")));
                return new RelayPair(first, second, first.state(RelaySource.ORDERS).equals("RUNNING"));
            } catch (RuntimeException notBoth) {
                first.close();
                second.close();
                throw notBoth;
            }
        }

        RelayProcess leader() {
            return leaderIsFirst ? first : second;
        }

        RelayProcess standby() {
            return leaderIsFirst ? second : first;
        }

        @Override
        public void close() {
            first.close();
            second.close();
        }
    }

    /** The backend holding the relay's advisory lock on the orders database (a bigint key: class and object id). */
    private int lockHolder() {
        return orderService.database().sql("""
                SELECT pid FROM pg_locks
                WHERE locktype = 'advisory' AND granted AND database = (SELECT oid FROM pg_database WHERE datname = 'orders')
                  AND ((classid::bigint << 32) | objid::bigint) = ?""")
                .param(7242635133937434721L).query(Integer.class).single();
    }

    /**
     * Every order's event is on the topic, once per event id. Duplicates are allowed (at least once): their number,
     * with {@code measured}, is in the assertions' descriptions, not a claim.
     */
    private void assertEveryOrderArrives(List<String> orderIds, String measured) {
        List<ConsumerRecord<String, String>> events = await().atMost(PATIENCE)
                .until(() -> ordersTopic.eventsOf(orderIds), received -> orderIdsOf(received).size() >= orderIds.size());
        long distinct = events.stream().map(OrdersTopic::eventId).distinct().count();
        String described = "%s; %d orders, %d records, %d duplicates".formatted(measured, orderIds.size(),
                events.size(), events.size() - distinct);
        assertThat(orderIdsOf(events)).as(described).containsExactlyInAnyOrderElementsOf(orderIds);
        assertThat(distinct).as(described).isEqualTo(orderIds.size());
    }
}
