package com.example.checkout.relay.leadership;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;

import com.example.checkout.infrastructure.PostgresServer;
import com.example.checkout.infrastructure.SharedInfrastructure;
import com.example.checkout.relay.streaming.TcpProxy;
import org.junit.jupiter.api.Test;

class LeaderLockIntegrationTests {

    private static final long LOCK_ID = 42;
    private static final Duration LEASE = Duration.ofSeconds(15);

    private final PostgresServer postgres = SharedInfrastructure.get().postgres();

    @Test
    void onlyOneInstanceHoldsTheLockUntilItGivesItUp() {
        try (LeaderLock first = lockOn("orders"); LeaderLock second = lockOn("orders")) {
            // given
            assertThat(first.tryAcquire()).isTrue();

            // when / then
            assertThat(second.tryAcquire()).isFalse();
            assertThat(first.isHeld()).isTrue();
            assertThat(second.isHeld()).isFalse();

            first.release();
            assertThat(first.isHeld()).isFalse();
            assertThat(second.tryAcquire()).isTrue();
        }
    }

    @Test
    void takingTheLockTwiceKeepsIt() {
        try (LeaderLock lock = lockOn("orders")) {
            assertThat(lock.tryAcquire()).isTrue();
            assertThat(lock.tryAcquire()).isTrue();
            assertThat(lock.isHeld()).isTrue();
        }
    }

    @Test
    void aLeaderWhoseNetworkGoesSilentLosesTheLockAfterTheLeaseAndFindsOutAtItsNextCheck() {
        Duration lease = Duration.ofSeconds(1);
        try (TcpProxy network = new TcpProxy(postgres.host(), postgres.port());
                LeaderLock silent = new LeaderLock(network.jdbcUrl("orders"), postgres.username(),
                        postgres.password(), LOCK_ID, lease);
                LeaderLock standby = lockOn("orders")) {
            // given a holder whose renewals stop reaching Postgres (a cut cable: no FIN, nothing answers)
            assertThat(silent.tryAcquire()).isTrue();
            network.blackhole();
            Instant silentSince = Instant.now();

            // when / then Postgres ends its session after the lease and the standby gets the lock
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                    .until(standby::tryAcquire);
            assertThat(Duration.between(silentSince, Instant.now())).isGreaterThanOrEqualTo(lease);
            assertThat(silent.isHeld()).isFalse();
        }
    }

    @Test
    void aLeaderThatDoesNotCheckForLongerThanTheLeaseStillHoldsTheLock() {
        // What a relay does right after taking the lock (preflight, building and starting the engine) can take
        // longer than the lease; no isHeld() call comes meanwhile, and the session must outlive it.
        Duration lease = Duration.ofSeconds(1);
        try (LeaderLock leader = new LeaderLock(postgres.jdbcUrl("orders"), postgres.username(), postgres.password(),
                LOCK_ID, lease); LeaderLock standby = lockOn("orders")) {
            assertThat(leader.tryAcquire()).isTrue();
            Instant until = Instant.now().plus(lease.multipliedBy(4));
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200)).until(() -> {
                assertThat(standby.tryAcquire()).isFalse();
                return Instant.now().isAfter(until);
            });
            assertThat(leader.isHeld()).isTrue();
        }
    }

    @Test
    void anUnreachableDatabaseIsAnErrorNotAStandby() {
        try (LeaderLock lock = new LeaderLock("jdbc:postgresql://localhost:1/orders", postgres.username(),
                postgres.password(), LOCK_ID, LEASE)) {
            assertThatExceptionOfType(LeaderLock.Unreachable.class).isThrownBy(lock::tryAcquire);
            assertThat(lock.isHeld()).isFalse();
        }
    }

    private LeaderLock lockOn(String database) {
        return new LeaderLock(postgres.jdbcUrl(database), postgres.username(), postgres.password(), LOCK_ID, LEASE);
    }
}
