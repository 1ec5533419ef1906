package com.example.checkout.events;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The published event types, by {@code ce_type}. A type not listed here is unknown to every reader. */
public final class EventTypes {

    private static final Map<String, Class<? extends CheckoutEvent>> BY_TYPE = Map.of(
            OrderPlaced.TYPE, OrderPlaced.class,
            OrderConfirmed.TYPE, OrderConfirmed.class,
            OrderCancelled.TYPE, OrderCancelled.class,
            StockReserved.TYPE, StockReserved.class,
            StockReservationRejected.TYPE, StockReservationRejected.class);

    private EventTypes() {
    }

    public static Optional<Class<? extends CheckoutEvent>> classOf(String ceType) {
        return Optional.ofNullable(ceType).map(BY_TYPE::get);
    }

    /** Every registered {@code ce_type}: each must have a released sample the schema test holds it against. */
    public static Set<String> all() {
        return BY_TYPE.keySet();
    }
}
