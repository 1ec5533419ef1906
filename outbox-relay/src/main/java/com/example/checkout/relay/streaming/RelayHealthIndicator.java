package com.example.checkout.relay.streaming;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Reports the relay's phase on {@code /actuator/health} ({@code components.relay}). A standby is healthy: it is
 * doing its job, waiting to take over. A failed engine is down until its restart succeeds.
 */
class RelayHealthIndicator implements HealthIndicator {

    private final OutboxRelay relay;

    RelayHealthIndicator(OutboxRelay relay) {
        this.relay = relay;
    }

    @Override
    public Health health() {
        RelayState state = relay.state();
        Health.Builder health = switch (state.phase()) {
            case RUNNING, STARTING, STANDBY -> Health.up();
            case STOPPED -> Health.outOfService();
            case FAILED -> Health.down();
        };
        health.withDetail("state", state.phase().name());
        state.failure().ifPresent(failure -> health.withDetail("error",
                failure.getClass().getName() + ": " + failure.getMessage()));
        return health.build();
    }
}
