package com.example.checkout.analytics.sales;

import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import com.example.checkout.consumer.EventHandler;
import com.example.checkout.consumer.EventMetadata;
import com.example.checkout.events.OrderCancelled;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Takes a cancelled order back out of the figures, once per order: the day of the sale loses its revenue and
 * counts a cancellation, each SKU its units and revenue. The event carries the order's lines and placing time, so
 * the reversal needs nothing from the {@code OrderPlaced}; sums commute, so it may come before the sale.
 */
@Component
class ReverseSaleOnOrderCancelled implements EventHandler<OrderCancelled> {

    private final JdbcClient jdbc;

    ReverseSaleOnOrderCancelled(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Class<OrderCancelled> eventClass() {
        return OrderCancelled.class;
    }

    @Override
    public void handle(OrderCancelled event, EventMetadata metadata) {
        LocalDate day = LocalDate.ofInstant(event.placedAt(), ZoneOffset.UTC);
        int first = jdbc.sql("""
                        INSERT INTO cancelled_sales (order_id, day, revenue_cents, cancelled_at) VALUES (?, ?, ?, ?)
                        ON CONFLICT DO NOTHING""")
                .params(event.orderId(), day, event.totalCents(), Timestamp.from(event.cancelledAt())).update();
        if (first == 0) {
            return; // this order's sale was reversed already
        }
        List<Object> params = new ArrayList<>(List.of(day, -event.totalCents()));
        params.addAll(SkuFigures.parameters(event.lines(), -1));
        jdbc.sql("""
                        INSERT INTO daily_sales (day, orders, cancelled_orders, revenue_cents) VALUES (?, 0, 1, ?)
                        ON CONFLICT (day) DO UPDATE SET cancelled_orders = daily_sales.cancelled_orders + 1,
                                                        revenue_cents = daily_sales.revenue_cents + excluded.revenue_cents;
                        """ + SkuFigures.UPSERT)
                .params(params).update();
    }
}
