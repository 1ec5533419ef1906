package com.example.checkout.relay.streaming;

import java.util.Map;

import com.example.checkout.infrastructure.Infrastructure;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** Starts a service's Spring application in this JVM, as its own deployment would: its yml, overridden from outside. */
final class SpringApplications {

    private SpringApplications() {
    }

    /**
     * Runs {@code application} with its config file ({@code configName}, e.g. {@code OrderServiceApplication.CONFIG})
     * and {@code properties} as command-line arguments ({@link Infrastructure#commandLine}).
     */
    static ConfigurableApplicationContext run(Class<?> application, String configName, Map<String, ?> properties) {
        return new SpringApplicationBuilder(application).properties(configName).run(Infrastructure.commandLine(properties));
    }
}
