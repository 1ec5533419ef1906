package com.example.checkout.demo;

import java.time.Duration;

/**
 * The email-outage scenario's shape: a steady stream of {@code rate} checkouts per second for three phases of
 * {@code phase} each (before, during and after the outage), then up to {@code drainTimeout} for every email.
 */
record ScenarioSettings(int rate, Duration phase, Duration drainTimeout) {

    static ScenarioSettings defaults() {
        return new ScenarioSettings(5, Duration.ofSeconds(10), Duration.ofSeconds(90));
    }

    ScenarioSettings withRate(int checkoutsPerSecond) {
        return new ScenarioSettings(checkoutsPerSecond, phase, drainTimeout);
    }

    ScenarioSettings withPhase(Duration length) {
        return new ScenarioSettings(rate, length, drainTimeout);
    }
}
