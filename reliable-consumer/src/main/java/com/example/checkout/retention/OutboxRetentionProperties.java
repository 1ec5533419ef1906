package com.example.checkout.retention;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long outbox rows are kept after the relay has streamed them (env {@code CHECKOUT_OUTBOX_RETENTION_*}).
 *
 * @param window rows older than this are deleted. It is also how far back the relay's {@code --republish-since}
 *         can reach when a replication slot was lost: keep it longer than the time it takes to notice (days, not
 *         hours). Rows are streamed within milliseconds of their commit, so this bounds only the table's size.
 * @param batchSize rows deleted per statement (and transaction), so a large backlog never holds long locks or
 *         writes one huge WAL record
 * @param interval how often the job runs
 */
@ConfigurationProperties("checkout.outbox.retention")
public record OutboxRetentionProperties(
        @DefaultValue("7d") Duration window,
        @DefaultValue("1000") int batchSize,
        @DefaultValue("1h") Duration interval) {
}
