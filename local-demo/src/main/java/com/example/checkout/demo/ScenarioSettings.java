package com.example.checkout.demo;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * The scenarios' shape. Email outage: a steady stream of {@code rate} checkouts per second for {@code phase} before
 * the outage, {@code outage} during it and {@code phase} after it, then up to {@code drainTimeout} for every email.
 * Sold out: {@code orders} orders for one SKU at once, then up to {@code drainTimeout} for every outcome. Chaos:
 * {@code checkouts} checkouts through the faults (its pace and schedule are the chaos run's own).
 */
record ScenarioSettings(int rate, Duration phase, Duration outage, Duration drainTimeout, int orders, int checkouts) {

    static ScenarioSettings defaults() {
        // Two minutes of outage: real providers go down for minutes, and the consumers pause instead of parking.
        return new ScenarioSettings(5, Duration.ofSeconds(10), Duration.ofMinutes(2), Duration.ofSeconds(90), 30,
                ChaosScenario.DEFAULT_CHECKOUTS);
    }

    ScenarioSettings withRate(int checkoutsPerSecond) {
        return new ScenarioSettings(checkoutsPerSecond, phase, outage, drainTimeout, orders, checkouts);
    }

    ScenarioSettings withPhase(Duration length) {
        return new ScenarioSettings(rate, length, outage, drainTimeout, orders, checkouts);
    }

    ScenarioSettings withOutage(Duration length) {
        return new ScenarioSettings(rate, phase, length, drainTimeout, orders, checkouts);
    }

    ScenarioSettings withOrders(int count) {
        return new ScenarioSettings(rate, phase, outage, drainTimeout, count, checkouts);
    }

    ScenarioSettings withCheckouts(int count) {
        return new ScenarioSettings(rate, phase, outage, drainTimeout, orders, count);
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
