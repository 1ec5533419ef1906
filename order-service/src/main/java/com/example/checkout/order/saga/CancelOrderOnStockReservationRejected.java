package com.example.checkout.order.saga;

import com.example.checkout.consumer.EventHandler;
import com.example.checkout.consumer.EventMetadata;
import com.example.checkout.events.StockReservationRejected;
import org.springframework.stereotype.Component;

/** Inventory could not reserve the order: it is refunded and cancelled, and the customer will be told. */
@Component
class CancelOrderOnStockReservationRejected implements EventHandler<StockReservationRejected> {

    private final OrderOutcomes outcomes;

    CancelOrderOnStockReservationRejected(OrderOutcomes outcomes) {
        this.outcomes = outcomes;
    }

    @Override
    public Class<StockReservationRejected> eventClass() {
        return StockReservationRejected.class;
    }

    @Override
    public void handle(StockReservationRejected event, EventMetadata metadata) {
        outcomes.cancel(event);
    }
}
