package com.example.checkout.order.outbox;

import static com.example.checkout.order.Checkouts.newCustomer;
import static com.example.checkout.order.Checkouts.twoBagsOfBeans;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import com.example.checkout.order.OrderServiceIntegrationTest;
import com.example.checkout.retention.BatchedDelete;
import com.example.checkout.retention.OutboxRetention;
import com.example.checkout.retention.OutboxRetentionProperties;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTask;
import org.springframework.scheduling.config.ScheduledTaskHolder;

class OutboxRetentionIntegrationTests extends OrderServiceIntegrationTest {

    @Autowired
    private OutboxRetentionProperties properties;

    @Autowired
    private List<ScheduledTaskHolder> schedulers;

    @Test
    void rowsOlderThanTheWindowAreDeletedInBatchesAndNewerOnesAreKept() {
        // given 25 rows from before the window (aged by hand) and a fresh checkout's row
        String oldAggregate = UUID.randomUUID().toString();
        for (int i = 0; i < 25; i++) {
            database.sql("""
                    INSERT INTO outbox (id, aggregate_type, aggregate_id, event_type, payload, created_at)
                    VALUES (:id, 'orders', :aggregate, 'com.example.checkout.order.OrderPlaced.v1', '{}'::jsonb,
                            now() - make_interval(secs => :age))""")
                    .param("id", UUID.randomUUID()).param("aggregate", oldAggregate)
                    .param("age", (double) properties.window().plusHours(1).toSeconds()).update();
        }
        String customer = newCustomer();
        api().checkout(twoBagsOfBeans(customer), UUID.randomUUID().toString());
        long newRows = database.sql("SELECT count(*) FROM outbox WHERE created_at > now() - interval '1 hour'")
                .query(Long.class).single();

        // when the job runs with batches of 10
        BatchedDelete.Deleted deleted = new OutboxRetention(database,
                new OutboxRetentionProperties(properties.window(), 10, properties.interval()),
                Clock.system(ZoneOffset.UTC)).deleteExpired();

        // then the old rows are gone, in three statements, and every new row is still there
        assertThat(database.sql("SELECT count(*) FROM outbox WHERE aggregate_id = ?").param(oldAggregate)
                .query(Long.class).single()).isZero();
        assertThat(deleted.rows()).isGreaterThanOrEqualTo(25);
        assertThat(deleted.batches()).isGreaterThanOrEqualTo(3);
        assertThat(database.sql("SELECT count(*) FROM outbox WHERE created_at > now() - interval '1 hour'")
                .query(Long.class).single()).isGreaterThanOrEqualTo(newRows).isPositive();
    }

    @Test
    void theJobIsScheduledAtItsInterval() {
        List<Duration> fixedDelays = schedulers.stream().flatMap(holder -> holder.getScheduledTasks().stream())
                .map(ScheduledTask::getTask).filter(FixedDelayTask.class::isInstance)
                .map(task -> ((FixedDelayTask) task).getIntervalDuration()).toList();
        assertThat(fixedDelays).contains(properties.interval());
    }
}
