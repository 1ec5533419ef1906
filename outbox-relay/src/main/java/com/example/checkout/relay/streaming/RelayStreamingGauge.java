package com.example.checkout.relay.streaming;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * {@code relay_streaming{source}}: 1 while this instance is the source's leader and its engine streams, 0 otherwise (standby,
 * starting, failed, stopped). Summed over the instances it is 1 in a healthy deployment; 0 for a while is the
 * "relay not streaming" alert, which health alone cannot raise (a standby is rightly healthy).
 */
@Component
class RelayStreamingGauge {

    static final String RELAY_STREAMING = "relay.streaming";

    RelayStreamingGauge(OutboxRelays relays, MeterRegistry registry) {
        for (OutboxRelay relay : relays.all()) {
            Gauge.builder(RELAY_STREAMING, relay, r -> r.state().phase() == RelayState.Phase.RUNNING ? 1 : 0)
                    .description("1 while this instance streams the source's outbox to Kafka, else 0")
                    .tag("source", relay.source().name())
                    .register(registry);
        }
    }
}
