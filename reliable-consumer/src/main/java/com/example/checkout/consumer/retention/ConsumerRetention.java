package com.example.checkout.consumer.retention;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;

import com.example.checkout.retention.BatchedDelete;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/**
 * Every {@link RetentionProperties#interval()}: deletes {@code processed_events} rows older than
 * {@link RetentionProperties#processedEvents()} and {@code REPLAYED} dead letters replayed longer ago than
 * {@link RetentionProperties#replayedDeadLetters()}, in batches. Parked dead letters are never deleted.
 */
public class ConsumerRetention implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(ConsumerRetention.class);
    private static final BatchedDelete PROCESSED_EVENTS =
            new BatchedDelete("processed_events", "event_id", "processed_at < :cutoff", "processed_at");
    private static final BatchedDelete REPLAYED_DEAD_LETTERS = new BatchedDelete("dead_letters", "id",
            "status = 'REPLAYED' AND replayed_at < :cutoff", "replayed_at");

    private final JdbcClient database;
    private final RetentionProperties properties;
    private final Clock clock;

    public ConsumerRetention(JdbcClient database, RetentionProperties properties, Clock clock) {
        this.database = database;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addFixedDelayTask(this::deleteExpired, properties.interval());
    }

    /** One run of the job. */
    public Expired deleteExpired() {
        Instant now = clock.instant();
        BatchedDelete.Deleted events = PROCESSED_EVENTS.run(database,
                Map.of("cutoff", Timestamp.from(now.minus(properties.processedEvents()))), properties.batchSize());
        BatchedDelete.Deleted letters = REPLAYED_DEAD_LETTERS.run(database,
                Map.of("cutoff", Timestamp.from(now.minus(properties.replayedDeadLetters()))), properties.batchSize());
        if (events.rows() > 0 || letters.rows() > 0) {
            log.info("Retention deleted {} processed event ids and {} replayed dead letters", events.rows(), letters.rows());
        }
        return new Expired(events, letters);
    }

    /** What one run deleted from each table. */
    public record Expired(BatchedDelete.Deleted processedEvents, BatchedDelete.Deleted replayedDeadLetters) {
    }
}
