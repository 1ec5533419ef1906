package com.example.checkout.analytics;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.UUID;

import javax.sql.DataSource;

import com.example.checkout.consumer.ConsumerMetrics;
import com.example.checkout.consumer.OrderPlacedRecords;
import com.example.checkout.events.OrderPlaced;
import com.example.checkout.events.OrderPlaced.OrderLine;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The sale's handler against a real broker and Postgres: an event delivered twice is counted once, and an order's
 * SKU rows are locked in SKU order whatever the order of its lines, the order every consumer thread takes them in.
 */
class SalesCountingIntegrationTests extends AnalyticsIntegrationTest {

    @Autowired
    DataSource dataSource;

    @Autowired
    MeterRegistry meters;

    @Test
    void anOrderDeliveredTwiceUnderOneEventIdIsCountedOnce() {
        // given
        String sku = newSku();
        OrderPlaced order = OrderPlacedRecords.orderPlaced("ada@example.com", new OrderLine(sku, "Test product", 3, 990));
        UUID eventId = UUID.randomUUID();
        double duplicatesBefore = duplicates();

        // when
        OrderPlacedRecords.produce(bootstrap(), order, eventId);
        OrderPlacedRecords.produce(bootstrap(), order, eventId);

        // then: the second copy was taken off the topic as a duplicate, the figures hold the first only
        await().atMost(PROCESSING).until(() -> duplicates() - duplicatesBefore >= 1);
        assertThat(units(sku)).isEqualTo(3);
        assertThat(jdbc.sql("SELECT count(*) FROM order_sales WHERE order_id = ?").param(order.orderId())
                .query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void anOrdersSkuRowsAreLockedInSkuOrderNotInLineOrder() throws SQLException {
        // given two SKUs with figures already, and another transaction holding the first SKU's row
        String prefix = "SKU-L-" + UUID.randomUUID() + "-";
        String first = prefix + "A";
        String last = prefix + "Z";
        for (String sku : new String[] {first, last}) {
            jdbc.sql("INSERT INTO product_sales (sku, units, revenue_cents) VALUES (?, 0, 0)").param(sku).update();
        }
        OrderPlaced order = OrderPlacedRecords.orderPlaced("ada@example.com",
                new OrderLine(last, "Last in SKU order, first line", 1, 100),
                new OrderLine(first, "First in SKU order, second line", 1, 100));
        try (Connection holder = dataSource.getConnection()) {
            holder.setAutoCommit(false);
            lock(holder, first, false);

            // when the order's event is counted
            OrderPlacedRecords.produce(bootstrap(), order);

            // then the consumer waits on the first SKU, before it has touched the last one (its first line)
            await().atMost(PROCESSING).until(() -> waitingOnALock() == 1);
            try (Connection probe = dataSource.getConnection()) {
                probe.setAutoCommit(false);
                assertThat(lock(probe, last, true)).as("the last SKU's row is not locked yet").isTrue();
                probe.rollback();
            }
            holder.rollback();
        }
        await().atMost(PROCESSING).until(() -> units(first) == 1 && units(last) == 1);
    }

    /** Locks a SKU's row; with {@code noWait}, answers false instead of waiting when another transaction has it. */
    private static boolean lock(Connection connection, String sku, boolean noWait) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT units FROM product_sales WHERE sku = ? FOR UPDATE" + (noWait ? " NOWAIT" : ""))) {
            select.setString(1, sku);
            select.executeQuery().close();
            return true;
        } catch (SQLException e) {
            if ("55P03".equals(e.getSQLState())) { // lock_not_available
                return false;
            }
            throw e;
        }
    }

    private long waitingOnALock() {
        return jdbc.sql("""
                        SELECT count(*) FROM pg_stat_activity
                        WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE '%product_sales%'""")
                .query(Long.class).single();
    }

    private double duplicates() {
        return meters.get(ConsumerMetrics.EVENTS).tag("outcome", "duplicate").counter().count();
    }
}
