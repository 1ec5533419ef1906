package com.example.checkout.chaos;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import com.example.checkout.services.SystemService;

/**
 * Where the exec jar of each service the chaos run starts is: the jars that ship, so a SIGKILL kills what would run
 * in production. The build puts them in {@code <service>/target/<service>-<version>-exec.jar}.
 */
public final class ServiceJars {

    private final Map<SystemService, Path> jars;
    private final String whereToLook;

    private ServiceJars(Map<SystemService, Path> jars, String whereToLook) {
        this.jars = jars;
        this.whereToLook = whereToLook;
    }

    /** The paths the build hands its integration tests as {@code <service>.exec.jar} system properties. */
    public static ServiceJars fromSystemProperties() {
        Map<SystemService, Path> jars = new LinkedHashMap<>();
        for (SystemService service : ChaosSystem.SERVICES) {
            String jar = System.getProperty(service.serviceName() + ".exec.jar");
            if (jar != null) {
                jars.put(service, Path.of(jar));
            }
        }
        return new ServiceJars(jars, "the <service>.exec.jar system properties");
    }

    /** The jars in a build tree: {@code <root>/<service>/target/<service>-*-exec.jar}, the newest of each. */
    public static ServiceJars inBuild(Path root) {
        Map<SystemService, Path> jars = new LinkedHashMap<>();
        for (SystemService service : ChaosSystem.SERVICES) {
            newestExecJar(root.resolve(service.serviceName()).resolve("target"), service.serviceName())
                    .ifPresent(jar -> jars.put(service, jar));
        }
        return new ServiceJars(jars, root.toAbsolutePath().normalize().resolve("<service>/target").toString());
    }

    private static Optional<Path> newestExecJar(Path target, String serviceName) {
        if (!Files.isDirectory(target)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.list(target)) {
            return files.filter(file -> {
                String name = file.getFileName().toString();
                return name.startsWith(serviceName + "-") && name.endsWith("-exec.jar") && Files.isRegularFile(file);
            }).max(Comparator.comparing(file -> file.toFile().lastModified()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The services whose jar is not there, and where they were looked for, in one line; empty if all are there. */
    public Optional<String> missing() {
        List<String> missing = ChaosSystem.SERVICES.stream()
                .filter(service -> !jars.containsKey(service) || !Files.isRegularFile(jars.get(service)))
                .map(SystemService::serviceName).toList();
        return missing.isEmpty() ? Optional.empty()
                : Optional.of("No exec jar of " + String.join(", ", missing) + " in " + whereToLook
                        + "; build them first: ./mvnw -q package -DskipTests");
    }

    Path of(SystemService service) {
        Path jar = jars.get(service);
        if (jar == null || !Files.isRegularFile(jar)) {
            throw new IllegalStateException(missing().orElse("No exec jar of " + service.serviceName()));
        }
        return jar;
    }
}
