package com.example.checkout.relay.streaming;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

/**
 * Reports each source's relay on {@code /actuator/health} ({@code components.relay.details.<source>}). A standby
 * is healthy: it is doing its job, waiting to take over. A failed engine is down until its restart succeeds. A
 * relay that streams but has parked rows waiting for a fix and a replay is {@link #DEGRADED}, with the reason.
 * The component's status is its worst source's.
 */
class RelayHealthIndicator implements HealthIndicator {

    /** Streaming, but some events are parked and reach no consumer until replayed; not a reason to restart it. */
    static final Status DEGRADED = new Status("DEGRADED", "outbox rows are parked in outbox_dead_letter");

    private final OutboxRelays relays;

    RelayHealthIndicator(OutboxRelays relays) {
        this.relays = relays;
    }

    @Override
    public Health health() {
        Status worst = Status.UP;
        Map<String, Object> sources = new LinkedHashMap<>();
        for (OutboxRelay relay : relays.all()) {
            Map<String, Object> details = new LinkedHashMap<>();
            Status status = statusOf(relay, details);
            sources.put(relay.source().name(), details);
            worst = worse(worst, status);
        }
        Health.Builder health = Health.status(worst);
        sources.forEach(health::withDetail);
        return health.build();
    }

    private static Status statusOf(OutboxRelay relay, Map<String, Object> details) {
        RelayState state = relay.state();
        details.put("status", "");
        details.put("state", state.phase().name());
        state.failure().ifPresent(failure -> details.put("error",
                failure.getClass().getName() + ": " + failure.getMessage()));
        Status status = switch (state.phase()) {
            case RUNNING, STARTING, STANDBY -> Status.UP;
            case STOPPED -> Status.OUT_OF_SERVICE;
            case FAILED -> Status.DOWN;
        };
        relay.slot().ifPresent(slot -> {
            details.put("slotWalStatus", slot.walStatus());
            details.put("slotRetainedWalBytes", slot.retainedWalBytes());
        });
        if (relay.slotMissing() || relay.slot().filter(ReplicationSlotCheck.SlotStatus::isLost).isPresent()) {
            // Streaming cannot resume by itself: say so, with the way out, whatever the engine is doing.
            status = Status.DOWN;
            details.put("error", relay.slotMissing() ? new ReplicationSlotCheck.MissingSlot(relay.source()).getMessage()
                    : new ReplicationSlotCheck.LostSlot(relay.source()).getMessage());
        }
        relay.waitingParked().ifPresent(waiting -> {
            details.put("parked", waiting.parked());
            waiting.latestReason().ifPresent(reason -> details.put("parkedReason", reason));
        });
        if (status == Status.UP && relay.waitingParked().filter(waiting -> waiting.parked() > 0).isPresent()) {
            status = DEGRADED;
        }
        if (!relay.parkingAvailable()) {
            details.put("parking", "unavailable: " + relay.parked().missingTable());
            if (status == Status.UP) {
                status = DEGRADED;
            }
        }
        details.put("status", status.getCode());
        return status;
    }

    private static Status worse(Status a, Status b) {
        return rank(b) > rank(a) ? b : a;
    }

    private static int rank(Status status) {
        if (status.equals(Status.DOWN)) {
            return 3;
        }
        if (status.equals(Status.OUT_OF_SERVICE)) {
            return 2;
        }
        return status.equals(DEGRADED) ? 1 : 0;
    }
}
