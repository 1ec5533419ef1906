package com.example.checkout.infrastructure;

import java.util.Locale;
import java.util.function.BooleanSupplier;
import java.util.function.UnaryOperator;

/**
 * Which infrastructure {@link SharedInfrastructure} starts: set with the system property
 * {@value #PROPERTY} or the environment variable {@value #ENVIRONMENT_VARIABLE}
 * ({@code embedded}, {@code containers} or {@code auto}, the default).
 */
public enum InfrastructureMode {

    /** In-process Kafka and SMTP, zonky's Postgres binaries: needs nothing but the JVM. */
    EMBEDDED,
    /** Testcontainers with the images of docker-compose.yml: needs a Docker engine. */
    CONTAINERS,
    /** Containers when a Docker engine answers, embedded otherwise. */
    AUTO;

    public static final String PROPERTY = "checkout.infrastructure.mode";
    public static final String ENVIRONMENT_VARIABLE = "CHECKOUT_INFRASTRUCTURE_MODE";

    /** The mode this JVM is configured for: the system property wins over the environment variable. */
    public static InfrastructureMode configured() {
        return configured(System::getProperty, System::getenv);
    }

    static InfrastructureMode configured(UnaryOperator<String> systemProperties, UnaryOperator<String> environment) {
        String value = systemProperties.apply(PROPERTY);
        String source = PROPERTY;
        if (value == null || value.isBlank()) {
            value = environment.apply(ENVIRONMENT_VARIABLE);
            source = ENVIRONMENT_VARIABLE;
        }
        if (value == null || value.isBlank()) {
            return AUTO;
        }
        try {
            return valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + "=" + value + " is not a mode; use embedded, containers or auto", e);
        }
    }

    /**
     * The mode to run: {@link #EMBEDDED} or {@link #CONTAINERS}.
     *
     * @throws IllegalStateException if containers are asked for and no Docker engine is available
     */
    InfrastructureMode resolve(BooleanSupplier dockerAvailable) {
        return switch (this) {
            case EMBEDDED -> EMBEDDED;
            case AUTO -> dockerAvailable.getAsBoolean() ? CONTAINERS : EMBEDDED;
            case CONTAINERS -> {
                if (!dockerAvailable.getAsBoolean()) {
                    throw new IllegalStateException(PROPERTY + "=containers, but no Docker engine is available"
                            + " (or Testcontainers is not on the classpath); start Docker or use " + PROPERTY + "=embedded");
                }
                yield CONTAINERS;
            }
        };
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
