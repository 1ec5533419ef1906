package com.example.checkout.order.saga;

import com.example.checkout.consumer.EventHandler;
import com.example.checkout.consumer.EventMetadata;
import com.example.checkout.events.StockReserved;
import org.springframework.stereotype.Component;

/** Inventory reserved the order's stock: the order is confirmed. */
@Component
class ConfirmOrderOnStockReserved implements EventHandler<StockReserved> {

    private final OrderOutcomes outcomes;

    ConfirmOrderOnStockReserved(OrderOutcomes outcomes) {
        this.outcomes = outcomes;
    }

    @Override
    public Class<StockReserved> eventClass() {
        return StockReserved.class;
    }

    @Override
    public void handle(StockReserved event, EventMetadata metadata) {
        outcomes.confirm(event);
    }
}
