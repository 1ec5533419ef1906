package com.example.checkout.order.idempotency;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import com.example.checkout.order.OrderServiceIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTask;
import org.springframework.scheduling.config.ScheduledTaskHolder;

import static com.example.checkout.order.Checkouts.newCustomer;
import static com.example.checkout.order.Checkouts.twoBagsOfBeans;
import static org.assertj.core.api.Assertions.assertThat;

class ExpiredKeysPurgeIntegrationTests extends OrderServiceIntegrationTest {

    @Autowired
    private IdempotencyKeys keys;

    @Autowired
    private IdempotencyProperties properties;

    @Autowired
    private List<ScheduledTaskHolder> schedulers;

    @Test
    void keysAreKeptForTheirRetentionAndPurgedAfterIt() {
        // given a key used now (retention: 24 h by default)
        String customer = newCustomer();
        api().checkout(twoBagsOfBeans(customer), UUID.randomUUID().toString());
        assertThat(keysOf(customer)).isEqualTo(1);

        // when the purge job runs an hour before the retention ends
        new ExpiredKeysPurge(keys, properties, clockIn(properties.retention().minusHours(1))).purge();

        // then the key is still honoured
        assertThat(keysOf(customer)).isEqualTo(1);

        // when it runs an hour after
        long purged = new ExpiredKeysPurge(keys, properties, clockIn(properties.retention().plusHours(1))).purge();

        // then it is gone
        assertThat(keysOf(customer)).isZero();
        assertThat(purged).isPositive();
    }

    @Test
    void anExpiredKeyIsTreatedAsNewUntilThePurgeRuns() {
        // given a key whose retention has passed but that the purge job has not deleted yet
        String customer = newCustomer();
        String key = UUID.randomUUID().toString();
        api().checkout(twoBagsOfBeans(customer), key);
        database.sql("UPDATE idempotency_keys SET expires_at = now() - interval '1 second' WHERE customer_id = :c")
                .param("c", customer).update();

        // when the client uses it again
        var response = api().checkout(twoBagsOfBeans(customer), key);

        // then it places a new order, as documented: a key protects retries within its retention only
        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.headers().firstValue("Idempotent-Replayed")).isEmpty();
        assertThat(database.sql("SELECT count(*) FROM orders WHERE customer_id = :c").param("c", customer)
                .query(Long.class).single()).isEqualTo(2);
    }

    @Test
    void thePurgeIsScheduledEveryPurgeInterval() {
        // when we ask the scheduler what it runs
        var fixedDelays = schedulers.stream().flatMap(holder -> holder.getScheduledTasks().stream())
                .map(ScheduledTask::getTask)
                .filter(FixedDelayTask.class::isInstance)
                .map(task -> ((FixedDelayTask) task).getIntervalDuration())
                .toList();

        // then the purge is among its tasks
        assertThat(fixedDelays).contains(properties.purgeInterval());
    }

    private long keysOf(String customer) {
        return database.sql("SELECT count(*) FROM idempotency_keys WHERE customer_id = :customer")
                .param("customer", customer).query(Long.class).single();
    }

    private static Clock clockIn(Duration later) {
        return Clock.offset(Clock.systemUTC(), later);
    }
}
