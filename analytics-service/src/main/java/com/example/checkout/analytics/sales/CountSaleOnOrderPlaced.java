package com.example.checkout.analytics.sales;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import com.example.checkout.consumer.EventHandler;
import com.example.checkout.consumer.EventMetadata;
import com.example.checkout.events.OrderPlaced;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Records the order as counted, adds it to the day's figures (UTC) and each line to its SKU's figures. */
@Component
class CountSaleOnOrderPlaced implements EventHandler<OrderPlaced> {

    private final JdbcClient jdbc;

    CountSaleOnOrderPlaced(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Class<OrderPlaced> eventClass() {
        return OrderPlaced.class;
    }

    /** One round trip: the three statements go to Postgres together and run in this order, in the event's transaction. */
    @Override
    public void handle(OrderPlaced event, EventMetadata metadata) {
        LocalDate day = LocalDate.ofInstant(event.placedAt(), ZoneOffset.UTC);
        List<Object> params = new ArrayList<>(List.of(event.orderId(), event.totalCents(), day, event.totalCents()));
        params.addAll(SkuFigures.parameters(event.lines(), 1));
        jdbc.sql("""
                        INSERT INTO order_sales (order_id, total_cents) VALUES (?, ?);
                        INSERT INTO daily_sales (day, orders, revenue_cents) VALUES (?, 1, ?)
                        ON CONFLICT (day) DO UPDATE SET orders = daily_sales.orders + 1,
                                                        revenue_cents = daily_sales.revenue_cents + excluded.revenue_cents;
                        """ + SkuFigures.UPSERT)
                .params(params).update();
    }
}
