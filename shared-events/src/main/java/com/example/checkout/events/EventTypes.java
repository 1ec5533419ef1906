package com.example.checkout.events;

import java.util.Map;
import java.util.Optional;

/** The published event types, by {@code ce_type}. A type not listed here is unknown to every reader. */
public final class EventTypes {

    private static final Map<String, Class<? extends CheckoutEvent>> BY_TYPE = Map.of(
            OrderPlaced.TYPE, OrderPlaced.class);

    private EventTypes() {
    }

    public static Optional<Class<? extends CheckoutEvent>> classOf(String ceType) {
        return Optional.ofNullable(ceType).map(BY_TYPE::get);
    }
}
