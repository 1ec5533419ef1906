package com.example.checkout.infrastructure;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The one {@link Infrastructure} of this JVM, for tests: started on first use on random free ports, closed when the
 * JVM exits. Every test class of a test JVM shares it, so there is never a broker or a database per test class.
 *
 * <p>A Spring test wires a service to it with one line:
 * <pre>{@code
 * @DynamicPropertySource
 * static void infrastructure(DynamicPropertyRegistry registry) {
 *     SharedInfrastructure.register(registry, "orders");
 * }
 * }</pre>
 * {@code spring-test} is an optional dependency of this module: only callers of {@link #register} need it, and they
 * are tests, which have it.
 */
public final class SharedInfrastructure {

    private static Infrastructure infrastructure;

    private SharedInfrastructure() {
    }

    /** The infrastructure of this JVM, started on the first call (which takes a few seconds). */
    public static synchronized Infrastructure get() {
        if (infrastructure == null) {
            infrastructure = EmbeddedInfrastructure.start(InfrastructurePorts.random());
        }
        return infrastructure;
    }

    /**
     * Adds the Spring properties that point a service at the shared infrastructure, starting it if needed:
     * {@code spring.datasource.url/username/password} for {@code database}, {@code spring.kafka.bootstrap-servers},
     * {@code spring.mail.host/port}.
     *
     * @param database one of {@link Infrastructure#DATABASES}
     */
    public static void register(DynamicPropertyRegistry registry, String database) {
        get().springProperties(database).forEach((name, value) -> registry.add(name, () -> value));
    }
}
