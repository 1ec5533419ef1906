package com.example.checkout.demo;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Every port the demo listens on. Defaults are the architecture's ports (README); each is overridable with
 * {@code --ports.<name>=<port>}, and {@code --port-offset=<n>} shifts them all (two demos side by side, tests).
 */
record DemoPorts(int order, int relay, int email, int inventory, int analytics, int console,
                 int postgres, int kafka, int smtp, int control) {

    static DemoPorts defaults() {
        return new DemoPorts(8080, 8081, 8082, 8083, 8084, 8085, 5432, 9092, 2525, 8090);
    }

    DemoPorts shiftedBy(int offset) {
        return new DemoPorts(order + offset, relay + offset, email + offset, inventory + offset, analytics + offset,
                console + offset, postgres + offset, kafka + offset, smtp + offset, control + offset);
    }

    /** Property name (as accepted on the command line) to port, in start-up order. */
    Map<String, Integer> byPropertyName() {
        Map<String, Integer> ports = new LinkedHashMap<>();
        ports.put("ports.postgres", postgres);
        ports.put("ports.kafka", kafka);
        ports.put("ports.smtp", smtp);
        ports.put("ports.order", order);
        ports.put("ports.relay", relay);
        ports.put("ports.email", email);
        ports.put("ports.inventory", inventory);
        ports.put("ports.analytics", analytics);
        ports.put("ports.console", console);
        ports.put("ports.control", control);
        return ports;
    }

    DemoPorts with(String propertyName, int port) {
        return switch (propertyName) {
            case "ports.order" -> new DemoPorts(port, relay, email, inventory, analytics, console, postgres, kafka, smtp, control);
            case "ports.relay" -> new DemoPorts(order, port, email, inventory, analytics, console, postgres, kafka, smtp, control);
            case "ports.email" -> new DemoPorts(order, relay, port, inventory, analytics, console, postgres, kafka, smtp, control);
            case "ports.inventory" -> new DemoPorts(order, relay, email, port, analytics, console, postgres, kafka, smtp, control);
            case "ports.analytics" -> new DemoPorts(order, relay, email, inventory, port, console, postgres, kafka, smtp, control);
            case "ports.console" -> new DemoPorts(order, relay, email, inventory, analytics, port, postgres, kafka, smtp, control);
            case "ports.postgres" -> new DemoPorts(order, relay, email, inventory, analytics, console, port, kafka, smtp, control);
            case "ports.kafka" -> new DemoPorts(order, relay, email, inventory, analytics, console, postgres, port, smtp, control);
            case "ports.smtp" -> new DemoPorts(order, relay, email, inventory, analytics, console, postgres, kafka, port, control);
            case "ports.control" -> new DemoPorts(order, relay, email, inventory, analytics, console, postgres, kafka, smtp, port);
            default -> throw new IllegalArgumentException("Unknown port property --" + propertyName
                    + " (known: " + String.join(", ", byPropertyName().keySet()) + ")");
        };
    }
}
