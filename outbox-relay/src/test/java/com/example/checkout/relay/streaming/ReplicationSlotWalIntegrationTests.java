package com.example.checkout.relay.streaming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A relay that does not stream makes Postgres keep WAL for its slot, and {@code relay.slot.retained.wal} shows it
 * (every instance looks at the slot, streaming or not); once it streams again the slot lets go.
 */
class ReplicationSlotWalIntegrationTests extends RelayOnOrdersDatabase {

    private static final long MB = 1024 * 1024;
    private static final Duration PATIENCE = Duration.ofSeconds(120);

    @Autowired
    MeterRegistry meters;

    @AfterEach
    void relayStreamsAgainAndTheFillerIsGone() {
        relay.start();
        orderService.database().sql("DROP TABLE IF EXISTS relay_wal_filler").update();
    }

    @Test
    void theRetainedWalMetricRisesWhileTheRelayIsStoppedAndFallsBackOnceItStreamsAgain() {
        // given
        await().atMost(PATIENCE).until(() -> relay.state().phase() == RelayState.Phase.RUNNING);
        await().atMost(PATIENCE).until(() -> retainedWal() >= 0);

        // when the relay stops and the database writes more than 50 MB of WAL (a table outside the publication)
        relay.stop();
        orderService.database().sql("CREATE TABLE IF NOT EXISTS relay_wal_filler (pad text)").update();
        orderService.database().sql("""
                INSERT INTO relay_wal_filler SELECT repeat(md5(i::text), 32) FROM generate_series(1, 60000) i""")
                .update();

        // then the slot's retained WAL rises past it
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(retainedWal()).isGreaterThan(50 * MB));
        assertThat(meters.get(RelayMetrics.SLOT_CONFIRMED_FLUSH_LAG).tag(RelayMetrics.SOURCE_TAG, RelaySource.ORDERS)
                .gauge().value()).isGreaterThan(50 * MB);

        // when it streams again, then the slot confirms past it and Postgres lets the WAL go
        relay.start();
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(retainedWal()).isLessThan(16 * MB));
    }

    private double retainedWal() {
        return meters.get(RelayMetrics.SLOT_RETAINED_WAL).tag(RelayMetrics.SOURCE_TAG, RelaySource.ORDERS).gauge()
                .value();
    }
}
