package com.example.checkout.deployment;

import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertyState;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import com.example.checkout.deployment.ServiceJar.DeclaredProperty;

/**
 * Which declared properties an environment variable sets, decided by Spring Boot's own relaxed binding rather
 * than by a copy of its rules: the variable becomes a system-environment property source, exactly as the
 * container's environment does, and each declared property is looked up through it.
 */
final class RelaxedBinding {

    private RelaxedBinding() {
    }

    static List<String> propertiesSetBy(String variable, String value, Collection<DeclaredProperty> declared) {
        // Boot applies its environment-variable mapping only to sources named like the system environment.
        var environment = new SystemEnvironmentPropertySource(
                "compose-" + StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, Map.of(variable, value));
        ConfigurationPropertySource source = ConfigurationPropertySource.from(environment);
        return declared.stream()
                .filter(property -> ConfigurationPropertyName.isValid(property.name()))
                .filter(property -> {
                    ConfigurationPropertyName name = ConfigurationPropertyName.of(property.name());
                    return source.getConfigurationProperty(name) != null || (property.bindsDescendants()
                            && source.containsDescendantOf(name) == ConfigurationPropertyState.PRESENT);
                })
                .map(DeclaredProperty::name)
                .distinct()
                .toList();
    }
}
