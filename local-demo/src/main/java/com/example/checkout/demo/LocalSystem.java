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
import com.example.checkout.services.SystemService;

/**
 * The whole system in one JVM: the embedded infrastructure and one Spring application context per service,
 * each with its own configuration file, exactly the jars and properties that run in the containers. Only the
 * connection properties (database, Kafka, SMTP, server port) are passed in, as compose passes them.
 */
final class LocalSystem implements AutoCloseable {

    /**
     * The demo carries Boot's Zipkin exporter, which would otherwise send every span to localhost:9411 whether a
     * Zipkin server runs or not. A default property, so MANAGEMENT_TRACING_EXPORT_ZIPKIN_ENABLED=true in the
     * environment turns it on (see the README, "Seeing a trace").
     */
    private static final String ZIPKIN_EXPORT_OFF = "management.tracing.export.zipkin.enabled=false";

    private final DemoOptions options;
    private final AdminLogin admin = AdminLogin.fromEnvironment();
    private final PrintStream out;
    private final Infrastructure infrastructure;
    private final Map<SystemService, ConfigurableApplicationContext> running = new EnumMap<>(SystemService.class);
    private volatile ConfigurableApplicationContext inventoryRelay;

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
            // Up to the relay one by one, in the list's order: order-service charges through the payment provider,
            // the relay reads the slot order-service's migrations create. The others only need the topic the relay declared; starting them side by side saves seconds.
            List<SystemService> sideBySide = new ArrayList<>();
            for (SystemService service : SystemService.values()) {
                if (service.ordinal() <= SystemService.RELAY.ordinal()) {
                    system.startService(service);
                } else {
                    sideBySide.add(service);
                }
            }
            // Own threads, not the common pool: those would not inherit the fat jar's class loader.
            try (ExecutorService starters = Executors.newFixedThreadPool(sideBySide.size())) {
                CompletableFuture.allOf(sideBySide.stream()
                        .map(service -> CompletableFuture.runAsync(() -> system.startService(service), starters))
                        .toArray(CompletableFuture[]::new)).join();
            }
            system.startInventoryRelay();
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

    /** The login the services' admin endpoints take, and the console sends. */
    AdminLogin admin() {
        return admin;
    }

    boolean isRunning(SystemService service) {
        synchronized (running) {
            return running.containsKey(service);
        }
    }

    void startService(SystemService service) {
        long started = System.nanoTime();
        Map<String, Object> properties = new HashMap<>(infrastructure.springProperties(service));
        properties.put("server.port", options.ports().of(service));
        properties.put("spring.main.banner-mode", "off");
        properties.put("checkout.admin.username", admin.username());
        properties.put("checkout.admin.password", admin.password());
        tuneForTheDemo(properties);
        if (service == SystemService.CONSOLE) {
            properties.putAll(consoleProperties());
        }
        if (service == SystemService.ORDER) {
            // The payment provider simulator on this demo's (possibly shifted) port.
            properties.put("checkout.payment.base-url", options.ports().url(SystemService.PAYMENT_PROVIDER));
        }
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
        ConfigurableApplicationContext context = new SpringApplicationBuilder(applicationClass(service))
                .properties(service.configName(), ZIPKIN_EXPORT_OFF)
                .registerShutdownHook(false)
                .run(Infrastructure.commandLine(properties));
        synchronized (running) {
            running.put(service, context);
        }
        out.printf("  %-18s %-24s ready in %.1f s%n", service.serviceName(), options.ports().url(service), seconds(started));
    }

    /**
     * Where the console finds the services ({@code checkout.console.<service>}) and the fault switches, on this
     * demo's (possibly shifted) ports.
     */
    private Map<String, Object> consoleProperties() {
        Map<String, Object> properties = new HashMap<>();
        for (SystemService other : SystemService.values()) {
            if (other != SystemService.CONSOLE) {
                properties.put("checkout.console." + other.serviceName(), options.ports().url(other));
            }
        }
        properties.put("checkout.console.demo-control", "http://localhost:" + options.ports().control());
        return properties;
    }

    /**
     * A second relay instance for inventory's outbox (its own slot, created by inventory's migrations, and its own
     * offsets): one streamer per source database. Without it inventory's outcomes would never reach the order
     * service. It serves no HTTP; the relay on {@code ports.relay} reports for the orders database.
     */
    private void startInventoryRelay() {
        long started = System.nanoTime();
        Map<String, Object> properties = new HashMap<>(infrastructure.springProperties(SystemService.RELAY));
        properties.put("spring.main.web-application-type", "none");
        properties.put("spring.main.banner-mode", "off");
        // The relay's "inventory" source (outbox-relay/README.md, "Several source databases"), alone in this instance.
        properties.put("checkout.relay.orders-enabled", false);
        properties.put("checkout.relay.sources.inventory.url", infrastructure.postgres().jdbcUrl("inventory"));
        properties.put("checkout.relay.sources.inventory.slot-name", "inventory_outbox_relay");
        properties.put("checkout.relay.sources.inventory.topics", "inventory");
        tuneForTheDemo(properties);
        if (!options.verbose()) {
            properties.put("logging.level.root", "WARN");
            properties.put("logging.level.org.apache.kafka", "ERROR");
        }
        inventoryRelay = new SpringApplicationBuilder(applicationClass(SystemService.RELAY))
                .properties(SystemService.RELAY.configName(), ZIPKIN_EXPORT_OFF)
                .registerShutdownHook(false)
                .run(Infrastructure.commandLine(properties));
        out.printf("  %-18s %-24s ready in %.1f s%n", "outbox-relay", "(inventory's outbox)", seconds(started));
    }

    /** A bean of a running service: the scenarios read the payment simulator's ledger this way. */
    <T> T bean(SystemService service, Class<T> type) {
        synchronized (running) {
            ConfigurableApplicationContext context = running.get(service);
            if (context == null) {
                throw new IllegalStateException(service.serviceName() + " is not running");
            }
            return context.getBean(type);
        }
    }

    /** The fat jar's class loader, which loaded this class, holds every service's jar. */
    private static Class<?> applicationClass(SystemService service) {
        try {
            return Class.forName(service.applicationClassName(), false, LocalSystem.class.getClassLoader());
        } catch (ClassNotFoundException missing) {
            throw new IllegalStateException(service.serviceName() + " is listed in SystemService but its jar is not "
                    + "on the demo's classpath (a dependency of local-demo)", missing);
        }
    }

    /** Closes the service's context: for the relay, what a crashed or stopped relay pod looks like to the others. */
    void stopService(SystemService service) {
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
        ConfigurableApplicationContext relay = inventoryRelay;
        inventoryRelay = null;
        if (relay != null) {
            try {
                relay.close();
            } catch (RuntimeException failed) {
                out.println("  could not stop inventory's relay cleanly: " + failed.getMessage());
            }
        }
        List<SystemService> stopOrder = new ArrayList<>(List.of(SystemService.values()));
        Collections.reverse(stopOrder);
        for (SystemService service : stopOrder) {
            try {
                stopService(service);
            } catch (RuntimeException failed) {
                out.println("  could not stop " + service.serviceName() + " cleanly: " + failed.getMessage());
            }
        }
        infrastructure.close();
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    /** Settings where a demo on one machine wants other trade-offs than production; the services' defaults stay. */
    private static void tuneForTheDemo(Map<String, Object> properties) {
        // After a crash of the demo, the restarted broker still lists the dead consumers until their session times
        // out (45 s by default), and their partitions wait that long. 6 s (the broker's minimum) lets the demo's
        // consumers rejoin within seconds; production keeps 45 s, where a GC pause or a slow rolling restart must
        // not cost a rebalance.
        properties.put("spring.kafka.consumer.properties.session.timeout.ms", "6000");
        properties.put("spring.kafka.consumer.properties.heartbeat.interval.ms", "2000");
        // Debezium's poll loop waits this long for a batch to fill, and its streaming loop sleeps this long on a quiet
        // WAL. At the relay's 5 ms the wait also spins through its last sub-millisecond, so each idle relay cost ~15%
        // of a core (JFR: ChangeEventQueue.poll); at 50 ms, ~2%. The price is up to 50 ms more per event between commit
        // and Kafka, well inside the demo's 500 ms commit -> effect objective.
        properties.put("checkout.relay.poll-interval", "50ms");
    }
}
