package com.example.checkout.console.system;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the console finds the system. Defaults are the local demo's ports; compose and Kubernetes override them
 * with {@code CHECKOUT_CONSOLE_*} variables.
 *
 * @param demoControl    the demo launcher's fault switches; nothing answers there outside the demo, and the
 *                       console then hides its "break it" controls
 * @param timeout        per request to a service: a slow service must not make the console slow
 * @param sampleInterval how often the overview scrapes the services' metrics
 * @param history        how much of that the overview's charts keep
 * @param traceUrl       where a person opens one trace, {@code {traceId}} standing for its id (Zipkin:
 *                       {@code http://localhost:9411/zipkin/traces/{traceId}}); empty (the default, as tracing
 *                       export is off in the demo unless asked for): the journey links no traces
 */
@ConfigurationProperties("checkout.console")
public record ConsoleProperties(
        @DefaultValue("http://localhost:8080") URI orderService,
        @DefaultValue("http://localhost:8081") URI outboxRelay,
        @DefaultValue("http://localhost:8082") URI emailService,
        @DefaultValue("http://localhost:8083") URI inventoryService,
        @DefaultValue("http://localhost:8084") URI analyticsService,
        @DefaultValue("http://localhost:8090") URI demoControl,
        @DefaultValue("1500ms") Duration timeout,
        @DefaultValue("2s") Duration sampleInterval,
        @DefaultValue("5m") Duration history,
        @DefaultValue("") String traceUrl) {

    /** Where the trace with this id is shown; empty without a {@link #traceUrl()}. */
    public Optional<String> traceLink(@Nullable String traceId) {
        return traceUrl.isBlank() || traceId == null ? Optional.empty()
                : Optional.of(traceUrl.replace("{traceId}", traceId));
    }

    public URI consumer(ConsumerGroup group) {
        return switch (group) {
            case EMAIL -> emailService;
            case INVENTORY -> inventoryService;
            case ANALYTICS -> analyticsService;
        };
    }
}
