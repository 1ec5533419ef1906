package com.example.checkout.demo;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import com.example.checkout.infrastructure.EmbeddedInfrastructure;
import com.example.checkout.infrastructure.Infrastructure;
import com.example.checkout.infrastructure.InfrastructurePorts;

/**
 * The whole system in one JVM: the embedded infrastructure and one Spring application context per service,
 * each with its own configuration file, exactly the jars and properties that run in the containers. Only the
 * connection properties (database, Kafka, SMTP, server port) are passed in, as compose passes them.
 */
final class LocalSystem implements AutoCloseable {

    private final DemoOptions options;
    private final PrintStream out;
    private final Infrastructure infrastructure;
    private final Map<DemoService, ConfigurableApplicationContext> running = new EnumMap<>(DemoService.class);

    private LocalSystem(DemoOptions options, PrintStream out, Infrastructure infrastructure) {
        this.options = options;
        this.out = out;
        this.infrastructure = infrastructure;
    }

    /** Starts everything or, if anything fails, stops what had started and rethrows. */
    static LocalSystem start(DemoOptions options, PrintStream out) {
        DemoPorts ports = options.ports();
        long started = System.nanoTime();
        out.printf("Starting Postgres (:%d), Kafka (:%d) and SMTP (:%d)...%n", ports.postgres(), ports.kafka(), ports.smtp());
        EmbeddedInfrastructure infrastructure = EmbeddedInfrastructure.start(
                new InfrastructurePorts(ports.postgres(), ports.kafka(), ports.smtp()), options.dataDirectory());
        // The demo's own hook stops the services first, then the infrastructure.
        infrastructure.leaveShutdownToOwner();
        out.printf("  infrastructure ready in %.1f s%n", seconds(started));
        LocalSystem system = new LocalSystem(options, out, infrastructure);
        try {
            system.startService(DemoService.ORDER);
            system.startService(DemoService.RELAY);
            // The consumers only need the topic the relay declared, and the console needs nobody to start; starting
            // them side by side saves seconds. Own threads, not the common pool: those would not inherit the fat
            // jar's class loader.
            try (ExecutorService starters = Executors.newFixedThreadPool(4)) {
                CompletableFuture.allOf(
                        CompletableFuture.runAsync(() -> system.startService(DemoService.EMAIL), starters),
                        CompletableFuture.runAsync(() -> system.startService(DemoService.INVENTORY), starters),
                        CompletableFuture.runAsync(() -> system.startService(DemoService.ANALYTICS), starters),
                        CompletableFuture.runAsync(() -> system.startService(DemoService.CONSOLE), starters)).join();
            }
            return system;
        } catch (RuntimeException failed) {
            system.close();
            throw failed;
        }
    }

    Infrastructure infrastructure() {
        return infrastructure;
    }

    DemoPorts ports() {
        return options.ports();
    }

    boolean isRunning(DemoService service) {
        synchronized (running) {
            return running.containsKey(service);
        }
    }

    void startService(DemoService service) {
        long started = System.nanoTime();
        Map<String, Object> properties = service.database == null ? consoleProperties()
                : new HashMap<>(infrastructure.springProperties(service.database));
        properties.put("server.port", service.port(options.ports()));
        properties.put("spring.main.banner-mode", "off");
        if (options.verbose()) {
            properties.put("logging.level.root", "INFO");
        } else {
            // Five services' INFO logs would bury the banner, and while Kafka is switched off its clients warn
            // several times a second; the demo's own output says what is happening.
            properties.put("logging.level.root", "WARN");
            properties.put("logging.level.org.apache.kafka", "ERROR");
            // The embedded broker's own log (it reports a restart after kafka/down as errors) is not the story.
            properties.put("logging.level.kafka", "OFF");
        }
        ConfigurableApplicationContext context = new SpringApplicationBuilder(service.applicationClass)
                .properties(service.configName)
                .registerShutdownHook(false)
                .run(Infrastructure.commandLine(properties));
        synchronized (running) {
            running.put(service, context);
        }
        out.printf("  %-18s %-24s ready in %.1f s%n", service.serviceName, service.url(options.ports()), seconds(started));
    }

    /** Where the console finds the services and the fault switches, on this demo's (possibly shifted) ports. */
    private Map<String, Object> consoleProperties() {
        DemoPorts ports = options.ports();
        Map<String, Object> properties = new HashMap<>();
        properties.put("checkout.console.order-service", DemoService.ORDER.url(ports));
        properties.put("checkout.console.outbox-relay", DemoService.RELAY.url(ports));
        properties.put("checkout.console.email-service", DemoService.EMAIL.url(ports));
        properties.put("checkout.console.inventory-service", DemoService.INVENTORY.url(ports));
        properties.put("checkout.console.analytics-service", DemoService.ANALYTICS.url(ports));
        properties.put("checkout.console.demo-control", "http://localhost:" + ports.control());
        // The services' jars share this classpath; in its own jar the console has none of these to configure.
        properties.put("spring.autoconfigure.exclude", String.join(",",
                "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
                "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration",
                "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration",
                "org.springframework.boot.mail.autoconfigure.MailSenderAutoConfiguration"));
        return properties;
    }

    /** Closes the service's context: for the relay, what a crashed or stopped relay pod looks like to the others. */
    void stopService(DemoService service) {
        ConfigurableApplicationContext context;
        synchronized (running) {
            context = running.remove(service);
        }
        if (context != null) {
            context.close();
        }
    }

    /** Services in reverse start order, then the infrastructure; every step runs even if one fails. */
    @Override
    public void close() {
        List<DemoService> stopOrder = new ArrayList<>(List.of(DemoService.values()));
        Collections.reverse(stopOrder);
        for (DemoService service : stopOrder) {
            try {
                stopService(service);
            } catch (RuntimeException failed) {
                out.println("  could not stop " + service.serviceName + " cleanly: " + failed.getMessage());
            }
        }
        infrastructure.close();
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
