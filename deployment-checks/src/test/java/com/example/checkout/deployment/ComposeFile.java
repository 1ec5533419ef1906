package com.example.checkout.deployment;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The parts of {@code docker-compose.yml} the checks look at, read the way compose reads them
 * (YAML anchors and {@code <<} merges resolved).
 */
record ComposeFile(Map<String, ComposeService> services) {

    /** A "host:port" inside a value: {@code jdbc:postgresql://postgres:5432/orders}, {@code kafka:9092}. */
    static final Pattern ENDPOINT = Pattern.compile("(?<![\\w.-])([a-z][a-z0-9-]*):(\\d{2,5})(?!\\d)");

    record ComposeService(String name, Map<String, Object> definition) {

        /** Application services are built from the repository's Dockerfile; the others run stock images. */
        boolean isApplication() {
            return definition.containsKey("build");
        }

        String image() {
            return (String) definition.get("image");
        }

        Map<String, String> environment() {
            return stringMap(definition.get("environment"));
        }

        /**
         * The environment with every reference to one of {@code moved}'s compose services pointed at its new
         * address instead: "host:port" inside a value ({@code jdbc:postgresql://postgres:5432/orders}), and
         * {@code X_HOST}/{@code X_PORT} pairs ({@code SPRING_MAIL_HOST: mailpit}, {@code SPRING_MAIL_PORT: 1025}).
         */
        Map<String, String> environmentWith(Map<String, InetSocketAddress> moved) {
            Map<String, String> original = environment();
            Map<String, String> rewritten = new LinkedHashMap<>();
            original.forEach((variable, value) -> {
                String pairedHost = variable.endsWith("_PORT")
                        ? original.get(variable.substring(0, variable.length() - "_PORT".length()) + "_HOST") : null;
                if (variable.endsWith("_HOST") && moved.containsKey(value)) {
                    rewritten.put(variable, moved.get(value).getHostString());
                }
                else if (pairedHost != null && moved.containsKey(pairedHost)) {
                    rewritten.put(variable, String.valueOf(moved.get(pairedHost).getPort()));
                }
                else {
                    rewritten.put(variable, ENDPOINT.matcher(value).replaceAll(endpoint -> {
                        InetSocketAddress address = moved.get(endpoint.group(1));
                        return Matcher.quoteReplacement((address == null) ? endpoint.group()
                                : address.getHostString() + ":" + address.getPort());
                    }));
                }
            });
            return rewritten;
        }

        Map<String, String> buildArgs() {
            return (definition.get("build") instanceof Map<?, ?> build) ? stringMap(build.get("args")) : Map.of();
        }

        /** Each dependency and the condition the service waits for ({@code service_started} when only listed). */
        Map<String, String> dependsOn() {
            Object dependsOn = definition.get("depends_on");
            Map<String, String> conditions = new LinkedHashMap<>();
            if (dependsOn instanceof List<?> names) {
                names.forEach(name -> conditions.put(String.valueOf(name), "service_started"));
            }
            else if (dependsOn instanceof Map<?, ?> map) {
                map.forEach((name, spec) -> conditions.put(String.valueOf(name),
                        String.valueOf(((Map<?, ?>) spec).get("condition"))));
            }
            return conditions;
        }

        /** The health check command, empty when the service has none (or disables it). */
        List<String> healthcheckTest() {
            if (!(definition.get("healthcheck") instanceof Map<?, ?> healthcheck)
                    || Boolean.TRUE.equals(healthcheck.get("disable"))) {
                return List.of();
            }
            Object test = healthcheck.get("test");
            if (test instanceof List<?> command) {
                return command.stream().map(String::valueOf).toList();
            }
            return (test == null) ? List.of() : List.of("CMD-SHELL", String.valueOf(test));
        }

        /** Published ports as "host:container" strings. */
        List<String> ports() {
            return (definition.get("ports") instanceof List<?> ports)
                    ? ports.stream().map(String::valueOf).toList() : List.of();
        }

        private static Map<String, String> stringMap(Object value) {
            Map<String, String> map = new LinkedHashMap<>();
            if (value instanceof Map<?, ?> entries) {
                entries.forEach((key, entry) -> map.put(String.valueOf(key), String.valueOf(entry)));
            }
            else if (value instanceof List<?> assignments) {
                for (Object assignment : assignments) {
                    String[] keyAndValue = String.valueOf(assignment).split("=", 2);
                    map.put(keyAndValue[0], (keyAndValue.length == 2) ? keyAndValue[1] : "");
                }
            }
            return map;
        }
    }

    /** {@code ${NAME:-default}} or {@code ${NAME-default}}: the variables a user may set in a {@code .env} file. */
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::?-([^}]*))?}");

    /**
     * Reads the file as {@code docker compose} does on a machine with no {@code .env} and none of its variables set:
     * each {@code ${NAME:-default}} becomes its default, a {@code ${NAME}} without one the empty string.
     */
    static ComposeFile read(Path file) {
        try {
            String interpolated = VARIABLE.matcher(Files.readString(file)).replaceAll(variable ->
                    Matcher.quoteReplacement(variable.group(2) == null ? "" : variable.group(2)));
            Map<String, Object> root = new Yaml(new SafeConstructor(new LoaderOptions())).load(interpolated);
            Map<String, ComposeService> services = new LinkedHashMap<>();
            ((Map<?, ?>) root.get("services")).forEach((name, definition) -> services.put(String.valueOf(name),
                    new ComposeService(String.valueOf(name), castToMap(definition))));
            return new ComposeFile(services);
        }
        catch (IOException ex) {
            throw new IllegalStateException("Cannot read " + file, ex);
        }
    }

    List<ComposeService> applications() {
        return services.values().stream().filter(ComposeService::isApplication).toList();
    }

    /** The services in an order compose can start them: each after everything it depends on. */
    List<ComposeService> startOrder() {
        List<ComposeService> ordered = new ArrayList<>();
        Set<String> visiting = new HashSet<>();
        services.keySet().forEach(name -> visit(name, visiting, ordered));
        return ordered;
    }

    private void visit(String name, Set<String> visiting, List<ComposeService> ordered) {
        ComposeService service = service(name);
        if (ordered.contains(service)) {
            return;
        }
        if (!visiting.add(name)) {
            throw new IllegalStateException("depends_on has a cycle through " + name);
        }
        service.dependsOn().keySet().forEach(dependency -> visit(dependency, visiting, ordered));
        visiting.remove(name);
        ordered.add(service);
    }

    ComposeService service(String name) {
        ComposeService service = services.get(name);
        if (service == null) {
            throw new IllegalArgumentException("docker-compose.yml has no service " + name);
        }
        return service;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castToMap(Object definition) {
        return (Map<String, Object>) definition;
    }
}
