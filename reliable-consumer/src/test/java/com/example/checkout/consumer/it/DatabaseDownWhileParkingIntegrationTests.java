package com.example.checkout.consumer.it;

import java.time.Duration;
import java.util.UUID;

import com.example.checkout.consumer.EventRecords;
import com.example.checkout.consumer.TopicRecords;
import com.example.checkout.events.EventHeaders;
import com.example.checkout.events.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The database goes away while a record is on its way to the DLT: the DLT consumer cannot park it, waits and tries
 * again on the same record (counted), publishes nothing, and parks it once the database takes logins again. Before
 * the fix the DLT handler's exception made spring-kafka publish the record to the DLT again and again.
 */
class DatabaseDownWhileParkingIntegrationTests extends TestConsumerIntegrationTest {

    private static final Duration PROCESSING = Duration.ofSeconds(60);

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MeterRegistry meters;

    private final JdbcClient superuser = TestConsumer.superuser();

    @BeforeEach
    void emptyTables() {
        TestConsumer.clearTables(jdbc);
    }

    @AfterEach
    void databaseBack() {
        allowLogins(true);
        RecordingHandler.rejected.clear();
    }

    @Test
    void aRecordDeadLetteredWhileTheDatabaseIsDownIsPublishedToTheDltOnceAndParkedWhenTheDatabaseIsBack() {
        // given the consumer's database refuses its logins, and a record that cannot succeed
        RecordingHandler.rejected.add("db-down@example.com");
        double failuresBefore = parkFailures();
        allowLogins(false);
        UUID eventId = UUID.randomUUID();

        // when
        EventRecords.produce(TestConsumer.bootstrap(), Topics.ORDERS, TestConsumer.order("db-down@example.com"), eventId);

        // then: the DLT consumer keeps failing to park it, on one DLT record
        await().atMost(PROCESSING).until(() -> parkFailures() - failuresBefore >= 3);
        assertThat(dltRecordsOf(eventId)).isEqualTo(1);

        // when the database is back
        allowLogins(true);

        // then
        await().atMost(PROCESSING).until(() -> parked(eventId) == 1);
        assertThat(dltRecordsOf(eventId)).isEqualTo(1);
    }

    /** Locks the consumer's role out (and ends its sessions), or lets it in again: the database is down for it. */
    private void allowLogins(boolean allowed) {
        superuser.sql("ALTER ROLE " + TestConsumer.role() + (allowed ? " LOGIN" : " NOLOGIN")).update();
        if (!allowed) {
            superuser.sql("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = ?")
                    .param(TestConsumer.role()).query(Boolean.class).list();
        }
    }

    private double parkFailures() {
        return meters.get("checkout.consumer.dlt.park.failures").counter().count();
    }

    private long dltRecordsOf(UUID eventId) {
        return TopicRecords.all(TestConsumer.bootstrap(), TestConsumer.DLT).stream()
                .filter(record -> eventId.toString().equals(TopicRecords.header(record, EventHeaders.ID))).count();
    }

    private long parked(UUID eventId) {
        return superuser.sql("SELECT count(*) FROM dead_letters WHERE event_id = ?").param(eventId)
                .query(Long.class).single();
    }
}
