package com.example.checkout.order.outbox;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/**
 * Deletes outbox rows older than {@link OutboxRetentionProperties#window()}, oldest first, in batches of
 * {@link OutboxRetentionProperties#batchSize()}, every {@link OutboxRetentionProperties#interval()}. Without it
 * the outbox grows forever. The relay publishes nothing for these deletes.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class OutboxRetention implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(OutboxRetention.class);

    private final JdbcClient database;
    private final OutboxRetentionProperties properties;
    private final Clock clock;

    @Autowired
    OutboxRetention(JdbcClient database, OutboxRetentionProperties properties) {
        this(database, properties, Clock.systemUTC());
    }

    /** With another clock, for tests that need rows to be past the window without waiting a week. */
    OutboxRetention(JdbcClient database, OutboxRetentionProperties properties, Clock clock) {
        this.database = database;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addFixedDelayTask(this::deleteExpired, properties.interval());
    }

    /** One run of the job: deletes, batch by batch, every row created before the window; returns how many. */
    Deleted deleteExpired() {
        Instant cutoff = clock.instant().minus(properties.window());
        long deleted = 0;
        int batches = 0;
        int batch;
        do {
            // Each statement commits on its own: a batch is one short transaction.
            batch = database.sql("""
                    DELETE FROM outbox WHERE id IN (
                        SELECT id FROM outbox WHERE created_at < :cutoff ORDER BY created_at LIMIT :batch)""")
                    .param("cutoff", Timestamp.from(cutoff)).param("batch", properties.batchSize()).update();
            deleted += batch;
            batches++;
        } while (batch == properties.batchSize());
        if (deleted > 0) {
            log.info("Deleted {} outbox rows created before {} in {} batches", deleted, cutoff, batches);
        }
        return new Deleted(deleted, batches);
    }

    /** What one run deleted, and in how many statements. */
    record Deleted(long rows, int batches) {
    }
}
