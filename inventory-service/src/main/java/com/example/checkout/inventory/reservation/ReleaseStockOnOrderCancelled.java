package com.example.checkout.inventory.reservation;

import com.example.checkout.consumer.EventHandler;
import com.example.checkout.consumer.EventMetadata;
import com.example.checkout.events.OrderCancelled;
import com.example.checkout.inventory.stock.Stock;
import org.springframework.stereotype.Component;

/**
 * A cancelled order gives back what it reserved, and is remembered, so an {@code OrderPlaced} that arrives later
 * (retry topics reorder one order's events) reserves nothing. Today's cancellations follow a rejection, so there is
 * usually nothing to give back; the rule holds for any cancellation.
 */
@Component
class ReleaseStockOnOrderCancelled implements EventHandler<OrderCancelled> {

    private final Stock stock;
    private final Reservations reservations;

    ReleaseStockOnOrderCancelled(Stock stock, Reservations reservations) {
        this.stock = stock;
        this.reservations = reservations;
    }

    @Override
    public Class<OrderCancelled> eventClass() {
        return OrderCancelled.class;
    }

    @Override
    public void handle(OrderCancelled event, EventMetadata metadata) {
        reservations.lockOrder(event.orderId());
        if (reservations.recordCancellation(event.orderId(), event.reason())) {
            reservations.release(event.orderId(), "released: order cancelled")
                    .forEach(line -> stock.giveBack(line.sku(), line.quantity()));
        }
    }
}
