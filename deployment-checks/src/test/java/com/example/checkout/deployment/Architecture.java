package com.example.checkout.deployment;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import com.example.checkout.services.SystemService;

/** What holds for every way of running the checkout (from {@link SystemService}), and where this build keeps its files. */
final class Architecture {

    /** Where each service and the infrastructure listen (Mailpit's SMTP port is the compose one). */
    static final Map<String, Integer> PORTS = ports();

    /** The database each service connects to: its own; the relay streams from the order service's. */
    static final Map<String, String> DATABASES = databases();

    /**
     * Stand-ins for a third party (the payment provider simulator): they run on one machine, in compose and in the
     * local Kubernetes overlay; the Kustomize base, and so production, leaves them out for the real provider.
     */
    static final Set<SystemService> STAND_INS = EnumSet.of(SystemService.PAYMENT_PROVIDER);

    /** {@link #DATABASES} of the services in the Kustomize base: every one but the stand-ins. */
    static final Map<String, String> BASE_DATABASES = baseDatabases();

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

    private static Map<String, Integer> ports() {
        Map<String, Integer> ports = new LinkedHashMap<>();
        for (SystemService service : SystemService.values()) {
            ports.put(service.serviceName(), service.port());
        }
        ports.put("kafka", 9092);
        ports.put("postgres", 5432);
        ports.put("mailpit", 1025);
        ports.put("lgtm", 4318); // the OTLP receiver the services send their spans to
        return Map.copyOf(ports);
    }

    private static Map<String, String> databases() {
        Map<String, String> databases = new LinkedHashMap<>();
        for (SystemService service : SystemService.values()) {
            service.database().ifPresent(database -> databases.put(service.serviceName(), database));
        }
        return Map.copyOf(databases);
    }

    private static Map<String, String> baseDatabases() {
        Map<String, String> databases = new LinkedHashMap<>(DATABASES);
        STAND_INS.forEach(standIn -> databases.remove(standIn.serviceName()));
        return Map.copyOf(databases);
    }

    static ComposeFile composeFile() {
        return ComposeFile.read(repositoryRoot().resolve("docker-compose.yml"));
    }
}
