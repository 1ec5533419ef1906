package com.example.checkout.events;

/** Kafka topic names that are part of the contract. Retry and dead-letter topics are per consumer group. */
public final class Topics {

    /** Order events, keyed by order id. */
    public static final String ORDERS = "orders";

    /** Inventory's outcome of each order ({@link StockReserved}, {@link StockReservationRejected}), keyed by order id. */
    public static final String INVENTORY = "inventory";

    private Topics() {
    }
}
