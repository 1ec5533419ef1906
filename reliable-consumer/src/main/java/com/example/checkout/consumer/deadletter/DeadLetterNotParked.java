package com.example.checkout.consumer.deadletter;

/**
 * A DLT record the database could not take (it is down, or refuses the connection). Retried in place, with a
 * back-off, by the DLT container's error handler until the database is back; never published to the DLT again.
 */
public class DeadLetterNotParked extends RuntimeException {

    public DeadLetterNotParked(String coordinates, Throwable cause) {
        super("could not park " + coordinates, cause);
    }
}
