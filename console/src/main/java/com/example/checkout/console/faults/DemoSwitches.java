package com.example.checkout.console.faults;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import com.example.checkout.console.system.ServiceClients;
import org.jspecify.annotations.Nullable;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClientException;

/** The launcher's {@code /demo/faults} and {@code /demo/scenarios}. */
@Component
class DemoSwitches {

    private final ServiceClients services;

    DemoSwitches(ServiceClients services) {
        this.services = services;
    }

    /** The scenario's state ({@code idle}, {@code running}, {@code finished}) and what it printed so far. */
    record ScenarioRun(String state, @Nullable String output, @Nullable Boolean held) {

        boolean running() {
            return "running".equals(state);
        }
    }

    /**
     * Component name to {@code up} or {@code down} ({@code slow} too for one that can be slowed down), sorted by
     * name; empty when there is no demo launcher.
     */
    Optional<Map<String, String>> switches() {
        try {
            Map<String, String> switches = services.demo().get().uri("/demo/faults").retrieve()
                    .body(new ParameterizedTypeReference<Map<String, String>>() {
                    });
            return Optional.ofNullable(switches).map(TreeMap::new);
        } catch (RestClientException noLauncher) {
            return Optional.empty();
        }
    }

    /** @param state {@code up}, {@code down}, or for a component that can be slowed down {@code slow}, {@code normal} */
    void flip(String component, String state) {
        services.demo().post().uri("/demo/faults/{component}/{state}", component, state)
                .retrieve().toBodilessEntity();
    }

    /** Each scenario's last run, by name in the launcher's order; empty when the launcher runs no scenarios. */
    Optional<Map<String, ScenarioRun>> scenarios() {
        try {
            return Optional.ofNullable(services.demo().get().uri("/demo/scenarios").retrieve()
                    .body(new ParameterizedTypeReference<LinkedHashMap<String, ScenarioRun>>() {
                    }));
        } catch (RestClientException noScenarios) {
            return Optional.empty();
        }
    }

    /** The launcher answers 409 while a run of any scenario is under way. */
    void startScenario(String name) {
        services.demo().post().uri("/demo/scenarios/{name}", name).retrieve().toBodilessEntity();
    }
}
