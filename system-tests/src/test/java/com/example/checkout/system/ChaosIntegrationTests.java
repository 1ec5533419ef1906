package com.example.checkout.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import com.example.checkout.infrastructure.EmbeddedInfrastructure;
import com.example.checkout.infrastructure.InfrastructurePorts;
import com.example.checkout.infrastructure.ServiceProcess;
import com.example.checkout.services.SystemService;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The chaos run: every service in a process of its own, started from the jar that ships, on embedded
 * infrastructure, while a stream of checkouts runs; a schedule of faults SIGKILLs the relay twice, each consumer and
 * order-service once, stops the broker for 10 s, takes SMTP down for 60 s and crashes Postgres (immediate shutdown).
 * Shoppers retry with the same Idempotency-Key until they get an answer. Then {@link ChaosBooks} counts, on every
 * service's own records and on the provider's ledger, that every order answered 201 has exactly its effects: one
 * capture, its emails, its reservation, one analytics count, and nothing twice.
 *
 * <p>{@code -Dchaos.checkouts} sets the number of checkouts (default 1,000; the pace stays 15 a second, so the
 * faults fall into the stream).
 */
class ChaosIntegrationTests {

    private static final int CHECKOUTS = Integer.getInteger("chaos.checkouts", 1_000);
    private static final int PER_SECOND = 15;
    /** A SKU with little stock, so some orders are cancelled and refunded by the saga while the faults happen. */
    static final String SCARCE_SKU = "SKU-020";
    static final int SCARCE_STOCK = 10;

    @TempDir
    Path data;

    @Test
    void everyAnsweredOrderHasExactlyItsEffectsAfterKillsAndOutages() throws Exception {
        try (EmbeddedInfrastructure infrastructure = EmbeddedInfrastructure.start(InfrastructurePorts.random(), data);
             ChaosSystem system = ChaosSystem.start(infrastructure, data.resolve("logs"))) {
            // given a running system with little stock of one SKU
            system.database(SystemService.INVENTORY).sql("UPDATE stock SET available = ? WHERE sku = ?")
                    .params(SCARCE_STOCK, SCARCE_SKU).update();
            Instant start = Instant.now();
            ChaosShoppers shoppers = new ChaosShoppers(system, SCARCE_SKU);

            // when checkouts stream in while the faults happen
            List<String> faults = new ArrayList<>();
            ExecutorService load = Executors.newSingleThreadExecutor();
            var stream = load.submit(() -> {
                shoppers.checkOut(CHECKOUTS, PER_SECOND);
                return null;
            });
            Duration run = Duration.ofSeconds(CHECKOUTS / PER_SECOND);
            ChaosSchedule.of(run)
                    .at(0.05, "SIGKILL outbox-relay, restart", () -> system.killAndRestart(SystemService.RELAY))
                    .at(0.10, "SMTP down for 60 s", () -> infrastructure.smtp().stop())
                    .at(0.15, "SIGKILL email-service, restart", () -> system.killAndRestart(SystemService.EMAIL))
                    .at(0.25, "SIGKILL inventory-service, restart", () -> system.killAndRestart(SystemService.INVENTORY))
                    .at(0.35, "SIGKILL analytics-service, restart", () -> system.killAndRestart(SystemService.ANALYTICS))
                    .at(0.45, "SIGKILL order-service, restart", () -> system.killAndRestart(SystemService.ORDER))
                    .at(0.55, "Kafka broker down for 10 s", () -> infrastructure.kafka().stop())
                    .at(0.55 + 10.0 / run.toSeconds(), "Kafka broker back", () -> infrastructure.kafka().start())
                    .at(0.70, "SIGKILL outbox-relay again, restart", () -> system.killAndRestart(SystemService.RELAY))
                    .at(0.80, "Postgres immediate shutdown, restart", () -> infrastructure.postgres().restartImmediately())
                    .at(0.10 + 60.0 / run.toSeconds(), "SMTP back", () -> infrastructure.smtp().start())
                    .run(faults::add);
            stream.get(run.toSeconds() + 300, TimeUnit.SECONDS);
            load.shutdown();
            if (!infrastructure.smtp().isRunning()) {
                infrastructure.smtp().start();
            }

            // then, once every effect has arrived, the books balance
            ChaosBooks books = new ChaosBooks(system, infrastructure, shoppers, start);
            try {
                await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofSeconds(5)).ignoreExceptions()
                        .until(books::settled);
            } catch (ConditionTimeoutException stillViolated) {
                // judged below, with the table of what does not add up
            }
            ChaosBooks.Report report = books.report();
            // The table (fault times, retries by cause, counts) is the run's record, kept with the test reports and
            // shown with a violation; the counts that must hold are asserted one by one below.
            String table = report.table(faults, shoppers);
            Files.writeString(Path.of("target", "chaos-run.txt"), table);
            assertThat(shoppers.answered()).as("checkouts answered 201").hasSize(CHECKOUTS);
            assertThat(report.violations()).as("invariant violations, in this run:%n%s", table).isEmpty();
            assertThat(faults).as("faults injected").hasSize(11);
            assertThat(report.count("shopper retries")).as("the faults reached the shoppers").isPositive();
            assertThat(report.count("orders")).isEqualTo(CHECKOUTS);
            assertThat(report.count("confirmed") + report.count("cancelled")).isEqualTo(CHECKOUTS);
            assertThat(report.count("cancelled")).as("orders cancelled by the saga (the scarce SKU)").isPositive();
            assertThat(report.count("captures") - report.count("orphan captures (refunded by reconciliation)"))
                    .isEqualTo(CHECKOUTS);
            assertThat(report.count("refunds") - report.count("orphan captures (refunded by reconciliation)"))
                    .isEqualTo(report.count("cancelled"));
            assertThat(report.count("emails received (SMTP)") - report.count("resent with the same Message-ID"))
                    .isEqualTo(report.count("emails sent (email_log)"));
            assertThat(report.count("emails sent (email_log)")).as("at least one email per order").isGreaterThanOrEqualTo(CHECKOUTS);
            assertThat(report.count("reservations")).isEqualTo(CHECKOUTS);
            assertThat(report.count("analytics: orders counted")).isEqualTo(CHECKOUTS);
            assertThat(report.count("analytics: sales reversed")).isEqualTo(report.count("cancelled"));
            report.counts().forEach((what, n) -> {
                if (what.startsWith("DLT parked")) {
                    assertThat(n).as(what).isZero();
                }
            });
        }
    }

    /** The services, each its own process from its exec jar, with the demo's short consumer session timeout. */
    static final class ChaosSystem implements AutoCloseable {

        private final EmbeddedInfrastructure infrastructure;
        private final Map<SystemService, ServiceProcess> processes = new LinkedHashMap<>();

        private ChaosSystem(EmbeddedInfrastructure infrastructure) {
            this.infrastructure = infrastructure;
        }

        static ChaosSystem start(EmbeddedInfrastructure infrastructure, Path logs) {
            ChaosSystem system = new ChaosSystem(infrastructure);
            try {
                // order-service's and inventory's migrations create the slots the relay streams from.
                system.startAll(logs, SystemService.PAYMENT_PROVIDER, SystemService.ORDER, SystemService.INVENTORY);
                system.startAll(logs, SystemService.RELAY, SystemService.EMAIL, SystemService.ANALYTICS);
                return system;
            } catch (RuntimeException e) {
                system.close();
                throw e;
            }
        }

        private void startAll(Path logs, SystemService... services) {
            for (SystemService service : services) {
                processes.put(service, ServiceProcess.start(service.serviceName(), service.serviceName() + ".exec.jar",
                        properties(service), logs));
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
            await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500)).until(() -> {
                if (!process.isAlive()) {
                    throw new IllegalStateException(process + " died while starting");
                }
                return process.isReady();
            });
        }

        /** SIGKILL, then the same jar again on the same port; returns once it is ready. */
        void killAndRestart(SystemService service) {
            ServiceProcess process = processes.get(service);
            process.kill();
            process.restart();
            awaitReady(process);
        }

        ServiceProcess process(SystemService service) {
            return processes.get(service);
        }

        org.springframework.jdbc.core.simple.JdbcClient database(SystemService service) {
            return ChaosBooks.database(infrastructure, service);
        }

        @Override
        public void close() {
            processes.values().forEach(ServiceProcess::close);
        }
    }

    /** Faults at fractions of the run, each on a thread of its own so a slow restart does not delay the next fault. */
    static final class ChaosSchedule {

        private final Duration run;
        private final List<Fault> faults = new ArrayList<>();

        private ChaosSchedule(Duration run) {
            this.run = run;
        }

        static ChaosSchedule of(Duration run) {
            return new ChaosSchedule(run);
        }

        ChaosSchedule at(double fraction, String name, Runnable action) {
            faults.add(new Fault(Duration.ofMillis((long) (run.toMillis() * fraction)), name, action));
            return this;
        }

        /** Runs every fault at its time on a scheduler; returns when all have ended, having logged each with its time. */
        void run(java.util.function.Consumer<String> log) throws InterruptedException, ExecutionException {
            long start = System.nanoTime();
            ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(faults.size());
            try {
                List<ScheduledFuture<?>> scheduled = new ArrayList<>();
                for (Fault fault : faults) {
                    scheduled.add(scheduler.schedule(() -> {
                        log.accept(String.format("%6.1f s  %s", (System.nanoTime() - start) / 1e9, fault.name()));
                        fault.action().run();
                    }, fault.at().toMillis(), TimeUnit.MILLISECONDS));
                }
                for (ScheduledFuture<?> fault : scheduled) {
                    fault.get();
                }
            } finally {
                scheduler.shutdownNow();
            }
        }

        private record Fault(Duration at, String name, Runnable action) {
        }
    }
}
