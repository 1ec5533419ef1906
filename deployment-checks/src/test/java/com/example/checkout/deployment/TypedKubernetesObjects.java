package com.example.checkout.deployment;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.topic.KafkaTopic;

/**
 * Reads a rendered Kubernetes object as its Java type and reports every field the type does not know. Kubernetes'
 * own kinds come from fabric8's model, Strimzi's from Strimzi's published API model ({@code io.strimzi:api}). Both
 * models keep an unknown field (a typo, a field of another API version, a value of the wrong type) in
 * {@code additionalProperties} instead of failing; those are what this reports, with their path.
 */
final class TypedKubernetesObjects {

    /** Groups with no model here (CloudNativePG, the Prometheus Operator): checked by field-level tests only. */
    static final Set<String> UNMODELLED_GROUPS = Set.of("postgresql.cnpg.io", "monitoring.coreos.com");

    private final KubernetesSerialization serialization = new KubernetesSerialization();

    TypedKubernetesObjects() {
        serialization.registerKubernetesResource(Kafka.class);
        serialization.registerKubernetesResource(KafkaNodePool.class);
        serialization.registerKubernetesResource(KafkaTopic.class);
    }

    /** Whether there is a model for the object's apiVersion and kind. */
    boolean isModelled(Map<String, Object> object) {
        return serialization.getRegisteredKubernetesResource((String) object.get("apiVersion"), (String) object.get("kind")) != null;
    }

    /** The fields of {@code object} its type does not declare, as dotted paths; empty when it is valid. */
    List<String> unknownFields(Map<String, Object> object) {
        KubernetesResource typed = serialization.unmarshal(serialization.asJson(object), KubernetesResource.class);
        if (typed instanceof GenericKubernetesResource) {
            throw new IllegalArgumentException("No model for " + object.get("apiVersion") + " " + object.get("kind"));
        }
        List<String> unknown = new ArrayList<>();
        walk(typed, "", unknown, Collections.newSetFromMap(new IdentityHashMap<>()));
        return unknown;
    }

    private static void walk(Object node, String path, List<String> unknown, Set<Object> seen) {
        if (node == null || !seen.add(node)) {
            return;
        }
        if (node instanceof Collection<?> items) {
            int index = 0;
            for (Object item : items) {
                walk(item, path + "[" + index++ + "]", unknown, seen);
            }
            return;
        }
        if (node instanceof Map<?, ?> entries) {
            entries.forEach((key, value) -> walk(value, path + "." + key, unknown, seen));
            return;
        }
        String type = node.getClass().getName();
        if (!type.startsWith("io.fabric8.kubernetes.api.model") && !type.startsWith("io.strimzi.api")) {
            return; // strings, numbers, enums, Quantity's value
        }
        for (Method getter : node.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || Modifier.isStatic(getter.getModifiers())
                    || !getter.getName().startsWith("get") || getter.getName().equals("getClass")) {
                continue;
            }
            Object value;
            try {
                value = getter.invoke(node);
            } catch (IllegalAccessException | InvocationTargetException notAProperty) {
                continue;
            }
            if (getter.getName().equals("getAdditionalProperties") && value instanceof Map<?, ?> extra) {
                extra.keySet().forEach(field -> unknown.add(path + "." + field));
            } else {
                walk(value, path + "." + decapitalize(getter.getName().substring(3)), unknown, seen);
            }
        }
    }

    private static String decapitalize(String name) {
        return name.isEmpty() ? name : Character.toLowerCase(name.charAt(0)) + name.substring(1);
    }
}
