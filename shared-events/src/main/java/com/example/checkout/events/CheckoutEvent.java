package com.example.checkout.events;

/** What every published event tells about itself: its CloudEvents type and its subject (the Kafka key). */
public sealed interface CheckoutEvent permits OrderPlaced, OrderConfirmed, OrderCancelled, StockReserved,
        StockReservationRejected {

    /** The {@code ce_type}, versioned: a breaking change is a new type, never an edit of this one. */
    String type();

    /** The {@code ce_subject} and the Kafka record key: the aggregate's id, so one order's events stay in order. */
    String subject();
}
