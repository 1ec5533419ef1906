package com.example.checkout.relay.leadership;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import com.example.checkout.infrastructure.PostgresServer;
import com.example.checkout.infrastructure.SharedInfrastructure;
import org.junit.jupiter.api.Test;

class LeaderLockIntegrationTests {

    private static final long LOCK_ID = 42;

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
    void anUnreachableDatabaseIsAnErrorNotAStandby() {
        try (LeaderLock lock = new LeaderLock("jdbc:postgresql://localhost:1/orders", postgres.username(),
                postgres.password(), LOCK_ID)) {
            assertThatExceptionOfType(LeaderLock.Unreachable.class).isThrownBy(lock::tryAcquire);
            assertThat(lock.isHeld()).isFalse();
        }
    }

    private LeaderLock lockOn(String database) {
        return new LeaderLock(postgres.jdbcUrl(database), postgres.username(), postgres.password(), LOCK_ID);
    }
}
