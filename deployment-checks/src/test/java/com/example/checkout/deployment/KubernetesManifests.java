package com.example.checkout.deployment;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** Kubernetes resources as plain YAML trees: the Kustomize base's files, or an overlay as kustomize renders it. */
record KubernetesManifests(List<Map<String, Object>> resources) {

    static KubernetesManifests readBase(Path repositoryRoot) {
        List<Map<String, Object>> resources = new ArrayList<>();
        try (Stream<Path> files = Files.list(repositoryRoot.resolve("k8s/base"))) {
            for (Path file : files.filter(path -> path.toString().endsWith(".yaml")).sorted().toList()) {
                try (Reader reader = Files.newBufferedReader(file)) {
                    for (Object document : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(reader)) {
                        if (document instanceof Map<?, ?> resource && resource.containsKey("kind")
                                && !"Kustomization".equals(resource.get("kind"))) {
                            resources.add(cast(resource));
                        }
                    }
                }
            }
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return new KubernetesManifests(resources);
    }

    /**
     * {@code kubectl kustomize k8s/overlays/<overlay>}: what {@code kubectl apply -k} would send to the cluster. A
     * missing kubectl (.ci/run installs one) or a kustomize that cannot render the overlay fails the caller.
     */
    static KubernetesManifests render(Path repositoryRoot, String overlay) {
        Path directory = repositoryRoot.resolve("k8s/overlays").resolve(overlay);
        try {
            Process kustomize = new ProcessBuilder("kubectl", "kustomize", directory.toString())
                    .redirectError(ProcessBuilder.Redirect.PIPE).start();
            String rendered = new String(kustomize.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            String errors = new String(kustomize.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            if (kustomize.waitFor() != 0) {
                throw new IllegalStateException("kubectl kustomize " + directory + " failed: " + errors);
            }
            List<Map<String, Object>> resources = new ArrayList<>();
            for (Object document : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(rendered)) {
                if (document instanceof Map<?, ?> resource) {
                    resources.add(cast(resource));
                }
            }
            return new KubernetesManifests(resources);
        }
        catch (IOException ex) {
            throw new IllegalStateException("Cannot run kubectl (the Debian package kubernetes-client; .ci/run installs it)", ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    List<Map<String, Object>> ofKind(String kind) {
        return resources.stream().filter(resource -> kind.equals(resource.get("kind"))).toList();
    }

    Map<String, Object> get(String kind, String name) {
        return ofKind(kind).stream()
                .filter(resource -> name.equals(at(resource, "metadata.name")))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no " + kind + " " + name));
    }

    /** The first container of a Deployment's pod template. */
    Map<String, Object> container(String deployment) {
        List<?> containers = (List<?>) at(get("Deployment", deployment), "spec.template.spec.containers");
        return cast(containers.get(0));
    }

    /**
     * The environment a Deployment's container gets: its own variables (values taken from Secrets read as
     * "secret") and every key of the ConfigMaps it imports with envFrom.
     */
    Map<String, String> environment(String deployment) {
        Map<String, Object> container = container(deployment);
        Map<String, String> environment = new LinkedHashMap<>();
        for (Object source : (List<?>) container.getOrDefault("envFrom", List.of())) {
            String configMap = (String) at(cast(source), "configMapRef.name");
            ((Map<?, ?>) at(get("ConfigMap", configMap), "data"))
                    .forEach((key, value) -> environment.put(String.valueOf(key), String.valueOf(value)));
        }
        for (Object variable : (List<?>) container.getOrDefault("env", List.of())) {
            Map<String, Object> entry = cast(variable);
            environment.put((String) entry.get("name"), String.valueOf(entry.getOrDefault("value", "secret")));
        }
        return environment;
    }

    /** The value at a dotted path of map keys, or null. */
    static Object at(Map<String, Object> resource, String path) {
        Object node = resource;
        for (String key : path.split("\\.")) {
            if (!(node instanceof Map<?, ?> map)) {
                return null;
            }
            node = map.get(key);
        }
        return node;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> cast(Object map) {
        return (Map<String, Object>) map;
    }
}
