package com.example.checkout.infrastructure;

import com.example.checkout.services.SystemService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The one {@link Infrastructure} of this JVM, for tests: started on first use on random free ports, closed when the
 * JVM exits. Every test class of a test JVM shares it, so there is never a broker or a database per test class.
 *
 * <p>It is an {@link EmbeddedInfrastructure}, or a {@link ContainerInfrastructure} when a Docker engine is present
 * and Testcontainers is on the test classpath; {@link InfrastructureMode} tells how to choose, e.g.
 * {@code -Dcheckout.infrastructure.mode=embedded}. The choice is logged once.
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

    private static final Logger log = LoggerFactory.getLogger(SharedInfrastructure.class);
    private static Infrastructure infrastructure;
    private static RuntimeException startFailure;

    private SharedInfrastructure() {
    }

    /**
     * The infrastructure of this JVM, started on the first call (which takes a few seconds).
     *
     * @throws IllegalStateException if it could not start; later calls fail at once with the same cause, so a test JVM
     *                               does not try again for every test class
     */
    public static synchronized Infrastructure get() {
        if (startFailure != null) {
            throw new IllegalStateException("The shared infrastructure failed to start earlier in this JVM", startFailure);
        }
        if (infrastructure == null) {
            try {
                infrastructure = start(InfrastructureMode.configured());
            } catch (RuntimeException e) {
                startFailure = e;
                throw e;
            }
        }
        return infrastructure;
    }

    private static Infrastructure start(InfrastructureMode configured) {
        InfrastructureMode mode = configured.resolve(DockerEngine::isAvailable);
        log.info("Infrastructure mode: {} (configured: {}; choose with -D{}=embedded|containers|auto or {})",
                mode, configured, InfrastructureMode.PROPERTY, InfrastructureMode.ENVIRONMENT_VARIABLE);
        if (mode == InfrastructureMode.CONTAINERS) {
            ContainerInfrastructure containers = ContainerInfrastructure.start();
            Runtime.getRuntime().addShutdownHook(ShutdownAfterApplications.hook("container-infrastructure-shutdown", containers::close));
            return containers;
        }
        try {
            return EmbeddedInfrastructure.start(InfrastructurePorts.random());
        } catch (RuntimeException firstAttempt) {
            // Random ports are chosen before they are bound: another process can take one in between.
            log.warn("Starting the infrastructure failed ({}); retrying once on other ports", firstAttempt.toString());
            try {
                return EmbeddedInfrastructure.start(InfrastructurePorts.random());
            } catch (RuntimeException secondAttempt) {
                secondAttempt.addSuppressed(firstAttempt);
                throw secondAttempt;
            }
        }
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

    /** As {@link #register(DynamicPropertyRegistry, String)}, for a service that does not own its database (the relay). */
    public static void register(DynamicPropertyRegistry registry, SystemService service) {
        get().springProperties(service).forEach((name, value) -> registry.add(name, () -> value));
    }
}
