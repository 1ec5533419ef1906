package com.example.checkout.order.outbox;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;

import com.example.checkout.retention.BatchedDelete;
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
    private static final BatchedDelete EXPIRED = new BatchedDelete("outbox", "id", "created_at < :cutoff", "created_at");

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

    /** One run of the job: deletes, batch by batch, every row created before the window. */
    BatchedDelete.Deleted deleteExpired() {
        Instant cutoff = clock.instant().minus(properties.window());
        BatchedDelete.Deleted deleted = EXPIRED.run(database, Map.of("cutoff", Timestamp.from(cutoff)),
                properties.batchSize());
        if (deleted.rows() > 0) {
            log.info("Deleted {} outbox rows created before {} in {} batches", deleted.rows(), cutoff, deleted.batches());
        }
        return deleted;
    }
}
