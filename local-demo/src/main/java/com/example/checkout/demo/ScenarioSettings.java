package com.example.checkout.demo;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * The scenarios' shape. Email outage: a steady stream of {@code rate} checkouts per second for three phases of
 * {@code phase} each (before, during and after the outage), then up to {@code drainTimeout} for every email.
 * Sold out: {@code orders} orders for one SKU at once, then up to {@code drainTimeout} for every outcome.
 */
record ScenarioSettings(int rate, Duration phase, Duration drainTimeout, int orders) {

    static ScenarioSettings defaults() {
        return new ScenarioSettings(5, Duration.ofSeconds(10), Duration.ofSeconds(90), 30);
    }

    ScenarioSettings withRate(int checkoutsPerSecond) {
        return new ScenarioSettings(checkoutsPerSecond, phase, drainTimeout, orders);
    }

    ScenarioSettings withPhase(Duration length) {
        return new ScenarioSettings(rate, length, drainTimeout, orders);
    }

    ScenarioSettings withOrders(int count) {
        return new ScenarioSettings(rate, phase, drainTimeout, count);
    }

    /** Polls a condition every 200 ms until it holds or the drain timeout passes; whether it held. */
    boolean holdsWithinDrainTimeout(BooleanSupplier condition) {
        long deadline = System.nanoTime() + drainTimeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(200));
        }
        return condition.getAsBoolean();
    }
}
