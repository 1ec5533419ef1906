package com.example.checkout.inventory.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import com.example.checkout.events.Topics;
import com.example.checkout.inventory.InventoryServiceApplication;
import com.example.checkout.infrastructure.SharedInfrastructure;
import com.example.checkout.retention.BatchedDelete;
import com.example.checkout.retention.OutboxRetention;
import com.example.checkout.retention.OutboxRetentionProperties;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskHolder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Inventory's outbox is kept to its window by the shared job, as order-service's is. */
@SpringBootTest(classes = InventoryServiceApplication.class, properties = {InventoryServiceApplication.CONFIG,
        "checkout.outbox.retention.interval=" + OutboxRetentionIntegrationTests.INTERVAL})
class OutboxRetentionIntegrationTests {

    /** An interval no other job of the service has, so finding it scheduled proves this one is. */
    static final String INTERVAL = "17m";

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        SharedInfrastructure.register(registry, "inventory");
    }

    @Autowired
    OutboxRetention retention;

    @Autowired
    OutboxRetentionProperties properties;

    @Autowired
    JdbcClient database;

    @Autowired
    List<ScheduledTaskHolder> schedulers;

    @Test
    void theJobDeletesOnlyTheOutcomesOlderThanTheWindow() {
        // given two outcome rows an hour past the window and one an hour inside it
        String expired = outcomeAged(properties.window().plusHours(1));
        String alsoExpired = outcomeAged(properties.window().plusHours(1));
        String kept = outcomeAged(properties.window().minusHours(1));

        // when the job runs
        BatchedDelete.Deleted deleted = retention.deleteExpired();

        // then only the rows past the window are gone
        assertThat(deleted.rows()).isGreaterThanOrEqualTo(2);
        assertThat(database.sql("SELECT aggregate_id FROM outbox WHERE aggregate_id IN (:ids)")
                .param("ids", List.of(expired, alsoExpired, kept)).query(String.class).list()).containsExactly(kept);
    }

    @Test
    void theJobIsScheduledAtTheConfiguredInterval() {
        assertThat(schedulers.stream().flatMap(holder -> holder.getScheduledTasks().stream())
                .map(scheduled -> scheduled.getTask()).filter(FixedDelayTask.class::isInstance)
                .map(task -> ((FixedDelayTask) task).getIntervalDuration())).contains(Duration.ofMinutes(17));
    }

    /** An outcome row for a new order, created {@code age} ago; returns its order id. */
    private String outcomeAged(Duration age) {
        String orderId = UUID.randomUUID().toString();
        database.sql("""
                INSERT INTO outbox (id, aggregate_type, aggregate_id, event_type, payload, created_at)
                VALUES (:id, :topic, :order, 'com.example.checkout.inventory.StockReserved.v1', '{}'::jsonb,
                        now() - make_interval(secs => :age))""")
                .param("id", UUID.randomUUID()).param("topic", Topics.INVENTORY).param("order", orderId)
                .param("age", (double) age.toSeconds()).update();
        return orderId;
    }
}
