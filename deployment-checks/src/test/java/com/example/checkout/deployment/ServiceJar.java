package com.example.checkout.deployment;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A service's runnable jar ({@code <module>/target/<module>-<version>-exec.jar}): the artifact the Dockerfile
 * puts into the image, so what it declares is what the container can be configured with.
 */
record ServiceJar(String service, Path file) {

    private static final String METADATA = "META-INF/spring-configuration-metadata.json";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final Map<Path, List<DeclaredProperty>> DECLARED = new ConcurrentHashMap<>();

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
     * The runnable jar of a service module. A missing jar fails the calling test: this module depends on the five
     * services, so the reactor packages them first, and a check that is skipped when its input is missing could
     * never fail.
     */
    static ServiceJar of(Path repositoryRoot, String service) {
        Path jar = repositoryRoot.resolve(service).resolve("target")
                .resolve(service + "-" + Architecture.version() + "-exec.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("No runnable jar " + repositoryRoot.relativize(jar)
                    + ": build the services first, e.g. ./mvnw -pl deployment-checks -am verify");
        }
        return new ServiceJar(service, jar);
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

    /**
     * Every property the service declares: its own metadata plus that of each library in BOOT-INF/lib. Read once
     * per jar and test JVM: unpacking a hundred nested jars takes a second or two, and most tests ask.
     */
    List<DeclaredProperty> declaredProperties() {
        return DECLARED.computeIfAbsent(file, ServiceJar::readDeclaredProperties);
    }

    private static List<DeclaredProperty> readDeclaredProperties(Path file) {
        List<DeclaredProperty> properties = new ArrayList<>();
        try (JarFile jar = new JarFile(file.toFile())) {
            for (JarEntry entry : Collections.list(jar.entries())) {
                String name = entry.getName();
                // Boot 4 moves the application's META-INF to the jar's root; earlier versions kept it in classes.
                if (name.equals(METADATA) || name.equals("BOOT-INF/classes/" + METADATA)) {
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
        return List.copyOf(properties);
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

    // Jackson, not Boot's JsonParserFactory: without Jackson on the classpath that falls back to BasicJsonParser,
    // which cannot read Boot 4's own metadata files ("Expecting double-quotes around field names").
    private static List<DeclaredProperty> parse(InputStream metadata) throws IOException {
        // Read to bytes first: Jackson would close the stream, and with it the enclosing jar's ZipInputStream.
        JsonNode root = JSON.readTree(metadata.readAllBytes());
        List<DeclaredProperty> properties = new ArrayList<>();
        for (JsonNode property : root.path("properties")) {
            JsonNode type = property.get("type");
            properties.add(new DeclaredProperty(property.path("name").asString(),
                    (type == null) ? null : type.asString()));
        }
        return properties;
    }
}
