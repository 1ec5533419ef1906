package com.example.checkout.deployment;

import java.nio.file.Path;
import java.util.Map;

/** What ARCHITECTURE.md fixes for every way of running the checkout, and where this build keeps its files. */
final class Architecture {

    /** "Ports on one machine": where each service listens (Mailpit's SMTP port is the compose one). */
    static final Map<String, Integer> PORTS = Map.of(
            "order-service", 8080,
            "outbox-relay", 8081,
            "email-service", 8082,
            "inventory-service", 8083,
            "analytics-service", 8084,
            "kafka", 9092,
            "postgres", 5432,
            "mailpit", 1025,
            "lgtm", 4318);

    /** Each service owns its database; the relay streams from the order service's. */
    static final Map<String, String> DATABASES = Map.of(
            "order-service", "orders",
            "outbox-relay", "orders",
            "email-service", "email",
            "inventory-service", "inventory",
            "analytics-service", "analytics");

    private Architecture() {
    }

    /** The repository root: surefire and failsafe pass it in; the IDE runs from the module directory. */
    static Path repositoryRoot() {
        return Path.of(System.getProperty("checkout.root", "..")).toAbsolutePath().normalize();
    }

    /** The version of the service jars: surefire and failsafe pass the reactor's. */
    static String version() {
        return System.getProperty("checkout.version", "0.1.0-SNAPSHOT");
    }

    static ComposeFile composeFile() {
        return ComposeFile.read(repositoryRoot().resolve("docker-compose.yml"));
    }
}
