package com.example.checkout.deployment;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.junit.jupiter.api.Assumptions;
import org.springframework.boot.json.JsonParserFactory;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * A service's runnable jar ({@code <module>/target/<module>-<version>-exec.jar}): the artifact the Dockerfile
 * puts into the image, so what it declares is what the container can be configured with.
 */
record ServiceJar(String service, Path file) {

    private static final String METADATA = "META-INF/spring-configuration-metadata.json";

    /** A configuration property from a {@code spring-configuration-metadata.json}: Boot's own and the service's. */
    record DeclaredProperty(String name, String type) {

        /** Maps and collections also bind indexed or keyed variables such as {@code X_0} or {@code X_SOME_KEY}. */
        boolean bindsDescendants() {
            return type != null && (type.startsWith("java.util.Map") || type.startsWith("java.util.List")
                    || type.startsWith("java.util.Set") || type.startsWith("java.util.Collection")
                    || type.endsWith("[]"));
        }
    }

    /**
     * The jar of a service module; the calling test is skipped (reported, not passed) while the module does not
     * exist in this checkout yet, and fails when the module exists but was not packaged.
     */
    static ServiceJar of(Path repositoryRoot, String service) {
        Assumptions.assumeTrue(Files.isDirectory(repositoryRoot.resolve(service)),
                () -> "module " + service + " is not in this checkout yet");
        Path target = repositoryRoot.resolve(service).resolve("target");
        try (var candidates = Files.list(target)) {
            Path jar = candidates.filter(path -> path.getFileName().toString().endsWith("-exec.jar"))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException(noJar(service)));
            return new ServiceJar(service, jar);
        }
        catch (IOException ex) {
            throw new IllegalStateException(noJar(service), ex);
        }
    }

    private static String noJar(String service) {
        return "No runnable jar in " + service + "/target: build the services first, e.g. "
                + "./mvnw -pl deployment-checks -am verify";
    }

    /** The variables of {@code environment} that set no property this service declares (relaxed binding). */
    List<String> variablesSettingNothing(Map<String, String> environment) {
        List<DeclaredProperty> declared = declaredProperties();
        return environment.entrySet().stream()
                .filter(variable -> RelaxedBinding.propertiesSetBy(variable.getKey(), variable.getValue(), declared)
                        .isEmpty())
                .map(Map.Entry::getKey)
                .toList();
    }

    /** Every property the service declares: its own metadata plus that of each library in BOOT-INF/lib. */
    List<DeclaredProperty> declaredProperties() {
        List<DeclaredProperty> properties = new ArrayList<>();
        try (JarFile jar = new JarFile(file.toFile())) {
            for (JarEntry entry : Collections.list(jar.entries())) {
                String name = entry.getName();
                if (name.equals("BOOT-INF/classes/" + METADATA)) {
                    try (InputStream metadata = jar.getInputStream(entry)) {
                        properties.addAll(parse(metadata));
                    }
                }
                else if (name.startsWith("BOOT-INF/lib/") && name.endsWith(".jar")) {
                    try (ZipInputStream library = new ZipInputStream(jar.getInputStream(entry))) {
                        for (ZipEntry libraryEntry; (libraryEntry = library.getNextEntry()) != null;) {
                            if (libraryEntry.getName().equals(METADATA)) {
                                properties.addAll(parse(library));
                            }
                        }
                    }
                }
            }
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return properties;
    }

    /**
     * The service's own configuration file, {@code <service>.yml} (the services never use application.yml),
     * flattened to dotted keys such as {@code server.port}; the first YAML document, the one without a profile.
     */
    Map<String, Object> configuration() {
        try (JarFile jar = new JarFile(file.toFile())) {
            JarEntry entry = jar.getJarEntry("BOOT-INF/classes/" + service + ".yml");
            if (entry == null) {
                throw new IllegalStateException(file + " has no " + service + ".yml");
            }
            try (InputStream yaml = jar.getInputStream(entry)) {
                Object firstDocument = new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(yaml).iterator().next();
                Map<String, Object> flat = new LinkedHashMap<>();
                flatten("", firstDocument, flat);
                return flat;
            }
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static void flatten(String prefix, Object value, Map<String, Object> flat) {
        if (value instanceof Map<?, ?> map) {
            map.forEach((key, child) -> flatten(prefix.isEmpty() ? String.valueOf(key) : prefix + "." + key, child, flat));
        }
        else {
            flat.put(prefix, value);
        }
    }

    private static List<DeclaredProperty> parse(InputStream metadata) throws IOException {
        String json = new String(metadata.readAllBytes(), StandardCharsets.UTF_8);
        List<?> properties = (List<?>) JsonParserFactory.getJsonParser().parseMap(json).getOrDefault("properties",
                List.of());
        return properties.stream()
                .map(Map.class::cast)
                .map(property -> new DeclaredProperty((String) property.get("name"), (String) property.get("type")))
                .toList();
    }
}
