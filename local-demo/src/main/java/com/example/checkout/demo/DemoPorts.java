package com.example.checkout.demo;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import com.example.checkout.services.SystemService;

/**
 * Every port the demo listens on: the infrastructure's, each service's from {@link SystemService}, and the demo's own
 * control port. Each is overridable with {@code --ports.<name>=<port>} ({@code ports.order}, {@code ports.relay}, …:
 * the service's constant in lower case), and {@code --port-offset=<n>} shifts them all (two demos side by side,
 * tests).
 *
 * @param byPropertyName property name (as accepted on the command line) to port, in start-up order
 */
record DemoPorts(Map<String, Integer> byPropertyName) {

    DemoPorts {
        byPropertyName = Collections.unmodifiableMap(new LinkedHashMap<>(byPropertyName));
    }

    static DemoPorts defaults() {
        Map<String, Integer> ports = new LinkedHashMap<>();
        ports.put("ports.postgres", 5432);
        ports.put("ports.kafka", 9092);
        ports.put("ports.smtp", 2525);
        for (SystemService service : SystemService.values()) {
            ports.put(propertyName(service), service.port());
        }
        ports.put("ports.control", 8090);
        return new DemoPorts(ports);
    }

    /** {@code ports.order}, {@code ports.relay}, {@code ports.payment-provider}, …. */
    static String propertyName(SystemService service) {
        return "ports." + service.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    int of(SystemService service) {
        return byPropertyName.get(propertyName(service));
    }

    String url(SystemService service) {
        return "http://localhost:" + of(service);
    }

    int postgres() {
        return byPropertyName.get("ports.postgres");
    }

    int kafka() {
        return byPropertyName.get("ports.kafka");
    }

    int smtp() {
        return byPropertyName.get("ports.smtp");
    }

    int control() {
        return byPropertyName.get("ports.control");
    }

    DemoPorts shiftedBy(int offset) {
        Map<String, Integer> shifted = new LinkedHashMap<>();
        byPropertyName.forEach((name, port) -> shifted.put(name, port + offset));
        return new DemoPorts(shifted);
    }

    DemoPorts with(String propertyName, int port) {
        if (!byPropertyName.containsKey(propertyName)) {
            throw new IllegalArgumentException("Unknown port property --" + propertyName
                    + " (known: " + String.join(", ", byPropertyName.keySet()) + ")");
        }
        Map<String, Integer> changed = new LinkedHashMap<>(byPropertyName);
        changed.put(propertyName, port);
        return new DemoPorts(changed);
    }
}
