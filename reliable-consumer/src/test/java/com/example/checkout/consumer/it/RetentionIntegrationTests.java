package com.example.checkout.consumer.it;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import com.example.checkout.consumer.retention.ConsumerRetention;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The retention job against real Postgres, with the test consumer's windows (processed events 15 days, replayed dead
 * letters 7 days) and batches of 2: only rows past their window go, parked dead letters never.
 */
class RetentionIntegrationTests extends TestConsumerIntegrationTest {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ConsumerRetention retention;

    @BeforeEach
    void emptyTables() {
        TestConsumer.clearTables(jdbc);
    }

    @Test
    void processedEventIdsOlderThanTheirWindowAreDeletedInBatchesAndNewerOnesKept() {
        // given five ids past the 15-day window, two within it
        List<UUID> expired = List.of(processed(Duration.ofDays(30)), processed(Duration.ofDays(20)),
                processed(Duration.ofDays(16)), processed(Duration.ofDays(15).plusMinutes(1)), processed(Duration.ofDays(400)));
        List<UUID> kept = List.of(processed(Duration.ofDays(15).minusMinutes(1)), processed(Duration.ZERO));

        // when
        ConsumerRetention.Expired run = retention.deleteExpired();

        // then
        assertThat(jdbc.sql("SELECT event_id FROM processed_events").query(UUID.class).list())
                .containsExactlyInAnyOrderElementsOf(kept).doesNotContainAnyElementsOf(expired);
        assertThat(run.processedEvents().rows()).isEqualTo(5);
        assertThat(run.processedEvents().batches()).isEqualTo(3); // 2 + 2 + 1
    }

    @Test
    void replayedDeadLettersOlderThanTheirWindowAreDeletedAndParkedOnesNeverAre() {
        // given
        long oldReplayed = deadLetter("REPLAYED", Duration.ofDays(8));
        long recentReplayed = deadLetter("REPLAYED", Duration.ofDays(6));
        long oldParked = deadLetter("PARKED", Duration.ofDays(400));

        // when
        retention.deleteExpired();

        // then
        assertThat(jdbc.sql("SELECT id FROM dead_letters").query(Long.class).list())
                .containsExactlyInAnyOrder(recentReplayed, oldParked).doesNotContain(oldReplayed);
    }

    private UUID processed(Duration ago) {
        UUID eventId = UUID.randomUUID();
        jdbc.sql("INSERT INTO processed_events (event_id, event_type, processed_at) VALUES (?, 'OrderPlaced', now() - ?::interval)")
                .params(eventId, ago.toSeconds() + " seconds").update();
        return eventId;
    }

    /** A dead letter parked {@code ago}, and for a REPLAYED one replayed then too. */
    private long deadLetter(String status, Duration ago) {
        return jdbc.sql("""
                        INSERT INTO dead_letters (dlt_topic, dlt_partition, dlt_offset, headers, reason, attempts,
                                                  dead_lettered_at, status, replayed_at)
                        VALUES ('orders.reliable-consumer-test.dlt', 0, nextval('dead_letters_id_seq'), '{}', 'test', 1,
                                now() - ?::interval, ?, CASE WHEN ? = 'REPLAYED' THEN now() - ?::interval END)
                        RETURNING id""")
                .params(ago.toSeconds() + " seconds", status, status, ago.toSeconds() + " seconds")
                .query(Long.class).single();
    }
}
