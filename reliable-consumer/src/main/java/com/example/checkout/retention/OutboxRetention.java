package com.example.checkout.retention;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/**
 * Deletes a service's {@code outbox} rows older than {@link OutboxRetentionProperties#window()}, oldest first, in
 * batches of {@link OutboxRetentionProperties#batchSize()}, every {@link OutboxRetentionProperties#interval()}.
 * Without it the outbox grows forever. The relay publishes nothing for these deletes. Every service with an outbox
 * (order-service, inventory-service) turns it on with {@link EnableOutboxRetention}; the outboxes share their
 * columns, so one job serves all.
 */
public class OutboxRetention implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(OutboxRetention.class);
    private static final BatchedDelete EXPIRED = new BatchedDelete("outbox", "id", "created_at < :cutoff", "created_at");

    private final JdbcClient database;
    private final OutboxRetentionProperties properties;
    private final Clock clock;

    /** @param clock another one lets a test put rows past the window without waiting a week */
    public OutboxRetention(JdbcClient database, OutboxRetentionProperties properties, Clock clock) {
        this.database = database;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addFixedDelayTask(this::deleteExpired, properties.interval());
    }

    /** One run of the job: deletes, batch by batch, every row created before the window. */
    public BatchedDelete.Deleted deleteExpired() {
        Instant cutoff = clock.instant().minus(properties.window());
        BatchedDelete.Deleted deleted = EXPIRED.run(database, Map.of("cutoff", Timestamp.from(cutoff)),
                properties.batchSize());
        if (deleted.rows() > 0) {
            log.info("Deleted {} outbox rows created before {} in {} batches", deleted.rows(), cutoff, deleted.batches());
        }
        return deleted;
    }
}
