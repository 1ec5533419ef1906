package com.example.checkout.consumer;

import com.example.checkout.events.CheckoutEvent;

/**
 * A service's effect of one event. Called inside the transaction that also records the event id, so the effect
 * and the "already processed" mark commit together. Throwing rolls both back and the event is retried on the
 * group's retry topics; {@link NonRetryableEventException} sends it to the DLT at once. A business outcome (not
 * enough stock) is not an exception: record it and return.
 */
public interface EventHandler<E extends CheckoutEvent> {

    Class<E> eventClass();

    void handle(E event, EventMetadata metadata);

    /**
     * Whether {@link #handle} runs inside the transaction that records the event id (the default). A handler whose
     * effect leaves the process (an SMTP send) answers false: it is then called with no transaction open and must
     * make its effect idempotent itself; the event id is recorded once it returns, so a failure leaves the event
     * unrecorded and its redelivery calls the handler again. Inside a caller's transaction (a DLT replay) it is
     * called in that transaction.
     */
    default boolean inEventTransaction() {
        return true;
    }
}
