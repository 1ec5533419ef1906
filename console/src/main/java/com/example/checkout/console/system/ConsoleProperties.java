package com.example.checkout.console.system;

import java.net.URI;
import java.time.Duration;

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
        @DefaultValue("5m") Duration history) {

    public URI consumer(ConsumerGroup group) {
        return switch (group) {
            case EMAIL -> emailService;
            case INVENTORY -> inventoryService;
            case ANALYTICS -> analyticsService;
        };
    }
}
