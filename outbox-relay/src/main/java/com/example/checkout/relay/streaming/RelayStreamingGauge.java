package com.example.checkout.relay.streaming;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * {@code relay_streaming}: 1 while this instance is the leader and its engine streams, 0 otherwise (standby,
 * starting, failed, stopped). Summed over the instances it is 1 in a healthy deployment; 0 for a while is the
 * "relay not streaming" alert, which health alone cannot raise (a standby is rightly healthy).
 */
@Component
class RelayStreamingGauge {

    static final String RELAY_STREAMING = "relay.streaming";

    RelayStreamingGauge(OutboxRelay relay, MeterRegistry registry) {
        Gauge.builder(RELAY_STREAMING, relay, r -> r.state().phase() == RelayState.Phase.RUNNING ? 1 : 0)
                .description("1 while this instance streams the outbox to Kafka, else 0")
                .register(registry);
    }
}
