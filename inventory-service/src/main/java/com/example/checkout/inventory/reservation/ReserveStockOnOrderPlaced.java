package com.example.checkout.inventory.reservation;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.example.checkout.consumer.EventHandler;
import com.example.checkout.consumer.EventMetadata;
import com.example.checkout.events.OrderPlaced;
import com.example.checkout.events.OrderPlaced.OrderLine;
import com.example.checkout.inventory.stock.Stock;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Reserves every line of an order or none: stock rows are locked in SKU order (so two orders never deadlock),
 * checked, and only then taken. Not enough stock is an answer, not a failure: the order's lines are recorded as
 * REJECTED with the reason and the event is done — retrying would not create stock.
 */
@Component
class ReserveStockOnOrderPlaced implements EventHandler<OrderPlaced> {

    private final Stock stock;
    private final JdbcClient jdbc;

    ReserveStockOnOrderPlaced(Stock stock, JdbcClient jdbc) {
        this.stock = stock;
        this.jdbc = jdbc;
    }

    @Override
    public Class<OrderPlaced> eventClass() {
        return OrderPlaced.class;
    }

    @Override
    public void handle(OrderPlaced event, EventMetadata metadata) {
        List<OrderLine> lines = event.lines().stream().sorted(Comparator.comparing(OrderLine::sku)).toList();
        Map<String, String> shortfalls = new LinkedHashMap<>();
        for (OrderLine line : lines) {
            Optional<Integer> available = stock.lockAvailable(line.sku());
            if (available.isEmpty()) {
                shortfalls.put(line.sku(), "unknown SKU " + line.sku());
            } else if (available.get() < line.quantity()) {
                shortfalls.put(line.sku(), "only " + available.get() + " of " + line.sku() + " available, " + line.quantity() + " ordered");
            }
        }
        boolean reserved = shortfalls.isEmpty();
        for (OrderLine line : lines) {
            if (reserved) {
                stock.take(line.sku(), line.quantity());
            }
            record(event, line, reserved ? "RESERVED" : "REJECTED",
                    reserved ? null : shortfalls.getOrDefault(line.sku(), "order rejected: " + String.join("; ", shortfalls.values())));
        }
    }

    private void record(OrderPlaced event, OrderLine line, String status, @Nullable String reason) {
        jdbc.sql("INSERT INTO reservations (order_id, sku, quantity, status, reason) VALUES (?, ?, ?, ?, ?)")
                .params(event.orderId(), line.sku(), line.quantity(), status, reason)
                .update();
    }
}
