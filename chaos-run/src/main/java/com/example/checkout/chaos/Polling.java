package com.example.checkout.chaos;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/** Waiting for a condition by asking it again at an interval, up to a timeout: what the run awaits, it polls. */
final class Polling {

    private Polling() {
    }

    /** Whether {@code condition} held within {@code timeout}; an exception it throws ends the wait. */
    static boolean holdsWithin(Duration timeout, Duration interval, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            LockSupport.parkNanos(interval.toNanos());
        }
        return true;
    }
}
