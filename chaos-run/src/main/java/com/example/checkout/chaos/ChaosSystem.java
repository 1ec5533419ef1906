package com.example.checkout.chaos;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.example.checkout.infrastructure.Infrastructure;
import com.example.checkout.infrastructure.ServiceProcess;
import com.example.checkout.services.SystemService;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** The services, each its own process from its exec jar, with the demo's short consumer session timeout. */
final class ChaosSystem implements AutoCloseable {

    /**
     * The services of the list that keep data of their own, which the books read: all but the console, which only
     * reads the others' APIs.
     */
    static final List<SystemService> SERVICES = Arrays.stream(SystemService.values())
            .filter(service -> service.database().isPresent()).toList();
    /** The relay streams from these outboxes; their migrations create its replication slots. */
    private static final List<SystemService> RELAY_SOURCES = List.of(SystemService.ORDER, SystemService.INVENTORY);
    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);
    private static final int RESTART_ATTEMPTS = 3;

    private final Infrastructure infrastructure;
    private final Map<SystemService, ServiceProcess> processes = new LinkedHashMap<>();

    private ChaosSystem(Infrastructure infrastructure) {
        this.infrastructure = infrastructure;
    }

    static ChaosSystem start(Infrastructure infrastructure, ServiceJars jars, Path logs) {
        ChaosSystem system = new ChaosSystem(infrastructure);
        try {
            // Those the relay needs first (what comes before it on the list, and its sources), then the rest.
            List<SystemService> first = Stream.concat(
                    SERVICES.stream().filter(service -> service.ordinal() < SystemService.RELAY.ordinal()),
                    RELAY_SOURCES.stream()).distinct().toList();
            system.startAll(jars, logs, first);
            system.startAll(jars, logs, SERVICES.stream().filter(service -> !first.contains(service)).toList());
            return system;
        } catch (RuntimeException e) {
            system.close();
            throw e;
        }
    }

    private void startAll(ServiceJars jars, Path logs, List<SystemService> services) {
        for (SystemService service : services) {
            processes.put(service, ServiceProcess.start(service.serviceName(), jars.of(service), properties(service),
                    logs));
        }
        for (SystemService service : services) {
            awaitReady(processes.get(service));
        }
    }

    private Map<String, Object> properties(SystemService service) {
        Map<String, Object> properties = new LinkedHashMap<>(infrastructure.springProperties(service));
        // A killed consumer's partitions move to its restarted self within seconds, as in the demo.
        properties.put("spring.kafka.consumer.properties.session.timeout.ms", "6000");
        properties.put("spring.kafka.consumer.properties.heartbeat.interval.ms", "2000");
        properties.put("management.tracing.sampling.probability", "0.0");
        if (service == SystemService.ORDER) {
            properties.put("checkout.payment.base-url", processes.get(SystemService.PAYMENT_PROVIDER).baseUrl());
            // Longer than a killed order-service takes to come back plus the shoppers' backoff: their retry takes
            // the claim over and the provider replays the capture. A shorter grace would refund it as an orphan
            // and abandon the checkout (409): right for a client that gave up, not for one that retries.
            properties.put("checkout.payment.reconciliation.grace-period", "3m");
            properties.put("checkout.payment.reconciliation.interval", "10s");
        }
        if (service == SystemService.RELAY) {
            properties.put("checkout.relay.sources.inventory.url", infrastructure.postgres().jdbcUrl("inventory"));
            properties.put("checkout.relay.sources.inventory.slot-name", "inventory_outbox_relay");
            properties.put("checkout.relay.sources.inventory.topics", "inventory");
        }
        return properties;
    }

    private static void awaitReady(ServiceProcess process) {
        boolean ready = Polling.holdsWithin(START_TIMEOUT, Duration.ofMillis(500), () -> {
            if (!process.isAlive()) {
                throw new IllegalStateException(process + " died while starting");
            }
            return process.isReady();
        });
        if (!ready) {
            throw new IllegalStateException(process + " not ready within " + START_TIMEOUT);
        }
    }

    /**
     * SIGKILL, then the same jar again on the same port; returns once it is ready. A restart that dies while
     * starting (on a loaded machine it can still be migrating when the Postgres crash cuts its connection) is
     * started again, as a supervisor restarts a crashed container.
     */
    void killAndRestart(SystemService service) {
        ServiceProcess process = processes.get(service);
        process.kill();
        for (int attempt = 1; ; attempt++) {
            process.restart();
            try {
                awaitReady(process);
                return;
            } catch (IllegalStateException diedWhileStarting) {
                if (process.isAlive() || attempt == RESTART_ATTEMPTS) {
                    throw diedWhileStarting;
                }
            }
        }
    }

    ServiceProcess process(SystemService service) {
        return processes.get(service);
    }

    JdbcClient database(SystemService service) {
        return JdbcClient.create(new DriverManagerDataSource(
                infrastructure.postgres().jdbcUrl(service.database().orElseThrow()),
                infrastructure.postgres().username(), infrastructure.postgres().password()));
    }

    @Override
    public void close() {
        processes.values().forEach(ServiceProcess::close);
    }
}
