package com.example.checkout.relay.streaming;

import java.util.Optional;

/**
 * What the relay is doing, as reported by {@code /actuator/health}.
 *
 * @param phase the lifecycle phase
 * @param failure why the last engine run ended, for {@link Phase#FAILED}
 */
public record RelayState(Phase phase, Optional<Throwable> failure) {

    public enum Phase {
        /** Not started, or stopped on purpose. */
        STOPPED,
        /** Another instance holds the leader lock; this one waits to take over. */
        STANDBY,
        /** Leader; the engine is connecting to the replication slot. */
        STARTING,
        /** Leader; the engine streams the outbox to Kafka. */
        RUNNING,
        /** The engine stopped on an error; the relay restarts it after a pause. */
        FAILED
    }

    static RelayState of(Phase phase) {
        return new RelayState(phase, Optional.empty());
    }

    static RelayState failed(Throwable failure) {
        return new RelayState(Phase.FAILED, Optional.of(failure));
    }
}
