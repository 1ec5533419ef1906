package com.example.checkout.relay.streaming;

import java.util.Map;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** Starts a service's Spring application in this JVM, as its own deployment would: its yml, overridden from outside. */
final class SpringApplications {

    private SpringApplications() {
    }

    /**
     * Runs {@code application} with its config file ({@code configName}, e.g. {@code OrderServiceApplication.CONFIG})
     * and {@code properties} as command-line arguments: they outrank the service's yml, as environment variables do
     * in a deployment. ({@code SpringApplicationBuilder.properties} would not: default properties rank below it.)
     */
    static ConfigurableApplicationContext run(Class<?> application, String configName, Map<String, ?> properties) {
        String[] commandLine = properties.entrySet().stream()
                .map(property -> "--" + property.getKey() + "=" + property.getValue())
                .toArray(String[]::new);
        return new SpringApplicationBuilder(application).properties(configName).run(commandLine);
    }
}
