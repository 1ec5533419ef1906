package com.example.checkout.analytics.sales;

import java.time.LocalDate;
import java.time.ZoneOffset;

import com.example.checkout.consumer.EventHandler;
import com.example.checkout.consumer.EventMetadata;
import com.example.checkout.events.OrderPlaced;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Records the order as counted, adds it to the day's figures (UTC) and each line to its SKU's figures. */
@Component
class CountSaleOnOrderPlaced implements EventHandler<OrderPlaced> {

    private final JdbcClient jdbc;
    private final SkuFigures skus;

    CountSaleOnOrderPlaced(JdbcClient jdbc, SkuFigures skus) {
        this.jdbc = jdbc;
        this.skus = skus;
    }

    @Override
    public Class<OrderPlaced> eventClass() {
        return OrderPlaced.class;
    }

    @Override
    public void handle(OrderPlaced event, EventMetadata metadata) {
        LocalDate day = LocalDate.ofInstant(event.placedAt(), ZoneOffset.UTC);
        jdbc.sql("INSERT INTO order_sales (order_id, total_cents) VALUES (?, ?)")
                .params(event.orderId(), event.totalCents()).update();
        jdbc.sql("""
                        INSERT INTO daily_sales (day, orders, revenue_cents) VALUES (?, 1, ?)
                        ON CONFLICT (day) DO UPDATE SET orders = daily_sales.orders + 1,
                                                        revenue_cents = daily_sales.revenue_cents + excluded.revenue_cents""")
                .params(day, event.totalCents()).update();
        skus.add(event.lines(), 1);
    }
}
