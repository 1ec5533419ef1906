package com.example.checkout.consumer.retention;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code checkout.consumer.retention.*} (env {@code CHECKOUT_CONSUMER_RETENTION_*}): how long the consumer keeps
 * what it has done.
 *
 * <p><b>The rule for {@code processedEvents}</b>: it must exceed {@code topicRetention + replayHorizon}. A
 * {@code processed_events} row is what makes a second delivery of an event a no-op; an event can be delivered again
 * as long as it is on the topic (a rewind, a restored offset, a relay that republishes) and replayed from
 * {@code dead_letters} as long as operators may replay. Forget its id sooner and that delivery has a second effect.
 * The service refuses to start when the rule does not hold.
 *
 * @param processedEvents how long an event id is remembered (default 15 days: 7 + 7 and a day to spare)
 * @param topicRetention the consumed topic's retention in Kafka ({@code retention.ms}; the broker's default of
 *         7 days for {@code orders} and {@code inventory}, which neither compose nor Kubernetes change). Raise it
 *         here when the topic's is raised
 * @param replayHorizon how long a parked record may wait for its replay and still be replayed safely (default 7
 *         days): the operators' promise, alerted on by {@code DeadLettersParked}
 * @param replayedDeadLetters how long a replayed dead letter stays in {@code dead_letters} for inspection (its audit
 *         in {@code dead_letter_replays} stays); parked ones are never deleted
 * @param batchSize rows per delete statement (and transaction)
 * @param interval how often the job runs
 */
@ConfigurationProperties("checkout.consumer.retention")
public record RetentionProperties(@DefaultValue("15d") Duration processedEvents,
                                  @DefaultValue("7d") Duration topicRetention,
                                  @DefaultValue("7d") Duration replayHorizon,
                                  @DefaultValue("7d") Duration replayedDeadLetters,
                                  @DefaultValue("1000") int batchSize,
                                  @DefaultValue("1h") Duration interval) {

    public RetentionProperties {
        if (processedEvents.compareTo(topicRetention.plus(replayHorizon)) <= 0) {
            throw new IllegalArgumentException("checkout.consumer.retention.processed-events (" + processedEvents
                    + ") must exceed topic-retention (" + topicRetention + ") + replay-horizon (" + replayHorizon
                    + "): an event still on the topic or still replayable would be processed a second time");
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("checkout.consumer.retention.batch-size must be at least 1, was " + batchSize);
        }
    }
}
