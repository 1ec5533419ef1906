package com.example.checkout.chaos;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.example.checkout.infrastructure.EmbeddedInfrastructure;
import com.example.checkout.infrastructure.InfrastructurePorts;
import com.example.checkout.services.SystemService;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The chaos run: every service in a process of its own, started from the jar that ships, on embedded
 * infrastructure (random ports, temporary data), while a stream of checkouts runs; a schedule of faults SIGKILLs
 * the relay twice, each consumer and order-service once, stops the broker for 10 s, takes SMTP down for 60 s and
 * crashes Postgres (immediate shutdown). Shoppers retry with the same Idempotency-Key until they get an answer. Then
 * {@link ChaosBooks} counts, on every service's own records and on the provider's ledger, that every order answered
 * 201 has exactly its effects: one capture, its emails, its reservation, one analytics count, and nothing twice.
 *
 * <p>The faults fall at fractions of the stream, which lasts {@code checkouts / 15} seconds; the outages last their
 * fixed time, so the stream must last at least about a minute: {@value #MINIMUM_CHECKOUTS} checkouts.
 */
public final class ChaosRun {

    public static final int MINIMUM_CHECKOUTS = 1_000;
    /** Checkouts a second: well within what the system serves, so what the faults break is not load. */
    public static final int PER_SECOND = 15;
    /** A SKU with little stock, so some orders are cancelled and refunded by the saga while the faults happen. */
    static final String SCARCE_SKU = "SKU-020";
    static final int SCARCE_STOCK = 10;
    private static final Duration SMTP_OUTAGE = Duration.ofSeconds(60);
    private static final Duration BROKER_OUTAGE = Duration.ofSeconds(10);
    /** Beyond the stream, for the last retries, the paused email consumer and the reconciler's grace period. */
    private static final Duration STREAM_GRACE = Duration.ofMinutes(5);
    private static final Duration SETTLE_TIMEOUT = Duration.ofMinutes(4);

    private final int checkouts;
    private final ServiceJars jars;
    private final PrintStream progress;

    /**
     * @param progress where the run says what it is doing and each fault as it happens (not the table: see
     *                 {@link ChaosReport#table()})
     */
    public ChaosRun(int checkouts, ServiceJars jars, PrintStream progress) {
        if (checkouts < MINIMUM_CHECKOUTS) {
            throw new IllegalArgumentException("A chaos run needs at least " + MINIMUM_CHECKOUTS
                    + " checkouts (its outages last a minute), not " + checkouts);
        }
        this.checkouts = checkouts;
        this.jars = jars;
        this.progress = progress;
    }

    /** Runs it, each service's log in {@code logs}; the report says whether every invariant held. */
    public ChaosReport run(Path logs) throws InterruptedException, ExecutionException, TimeoutException {
        long started = System.nanoTime();
        progress.printf("Starting Postgres, Kafka, SMTP and %d services from their exec jars (logs in %s)...%n",
                ChaosSystem.SERVICES.size(), logs.toAbsolutePath());
        try (EmbeddedInfrastructure infrastructure = EmbeddedInfrastructure.start(InfrastructurePorts.random());
             ChaosSystem system = ChaosSystem.start(infrastructure, jars, logs)) {
            // A Ctrl-C must not leave the services running: they are processes of their own, not this JVM's threads.
            Thread killServices = new Thread(system::close, "chaos-run-shutdown");
            Runtime.getRuntime().addShutdownHook(killServices);
            try {
                // given a running system with stock for every checkout but little of one SKU
                JdbcClient inventory = system.database(SystemService.INVENTORY);
                inventory.sql("UPDATE stock SET available = CASE WHEN sku = :scarce THEN :scarceStock ELSE :plenty END")
                        .param("scarce", SCARCE_SKU).param("scarceStock", SCARCE_STOCK).param("plenty", checkouts)
                        .update();
                Map<String, Long> stockAtStart = new HashMap<>();
                inventory.sql("SELECT sku, available FROM stock").query(row -> {
                    stockAtStart.put(row.getString("sku"), row.getLong("available"));
                });
                Instant start = Instant.now();
                ChaosShoppers shoppers = new ChaosShoppers(system, SCARCE_SKU);
                Duration run = Duration.ofSeconds(checkouts / PER_SECOND);
                progress.printf("Ready in %.0f s. %,d checkouts, %d a second (%d s), while the faults happen:%n",
                        (System.nanoTime() - started) / 1e9, checkouts, PER_SECOND, run.toSeconds());

                // when checkouts stream in while the faults happen
                List<String> faults = Collections.synchronizedList(new ArrayList<>());
                ExecutorService load = Executors.newSingleThreadExecutor();
                try {
                    Future<?> stream = load.submit(() -> {
                        shoppers.checkOut(checkouts, PER_SECOND);
                        return null;
                    });
                    schedule(run, system, infrastructure).run(fault -> {
                        faults.add(fault);
                        progress.println("  " + fault);
                    });
                    stream.get(run.plus(STREAM_GRACE).toSeconds(), TimeUnit.SECONDS);
                } finally {
                    load.shutdownNow();
                }
                if (!infrastructure.smtp().isRunning()) {
                    infrastructure.smtp().start();
                }

                // then, once every effect has arrived, the books balance
                progress.printf("%,d checkouts answered 201 after %,d retries; waiting up to %d min for every effect...%n",
                        shoppers.answered().size(), shoppers.retries(), SETTLE_TIMEOUT.toMinutes());
                ChaosBooks books = new ChaosBooks(system, infrastructure, shoppers, stockAtStart, start);
                // Until the books settle, a read may fail (a restarting service's database) or find late effects;
                // what still does not add up at the timeout is in the report.
                Polling.holdsWithin(SETTLE_TIMEOUT, Duration.ofSeconds(5), () -> {
                    try {
                        return books.settled();
                    } catch (RuntimeException notYet) {
                        return false;
                    }
                });
                ChaosReport report = books.report(faults);
                progress.printf("Chaos run done in %.0f s.%n", (System.nanoTime() - started) / 1e9);
                return report;
            } finally {
                try {
                    Runtime.getRuntime().removeShutdownHook(killServices);
                } catch (IllegalStateException shuttingDown) {
                    // the hook runs (or ran) anyway
                }
            }
        }
    }

    /** The schedule: the kills at fractions of the stream, the outages for their fixed length. */
    private static ChaosSchedule schedule(Duration run, ChaosSystem system, EmbeddedInfrastructure infrastructure) {
        Duration smtpDown = Duration.ofMillis((long) (run.toMillis() * 0.10));
        Duration brokerDown = Duration.ofMillis((long) (run.toMillis() * 0.55));
        return ChaosSchedule.of(run)
                .at(0.05, "SIGKILL outbox-relay, restart", () -> system.killAndRestart(SystemService.RELAY))
                .after(smtpDown, "SMTP down for " + SMTP_OUTAGE.toSeconds() + " s", () -> infrastructure.smtp().stop())
                .at(0.15, "SIGKILL email-service, restart", () -> system.killAndRestart(SystemService.EMAIL))
                .at(0.25, "SIGKILL inventory-service, restart", () -> system.killAndRestart(SystemService.INVENTORY))
                .at(0.35, "SIGKILL analytics-service, restart", () -> system.killAndRestart(SystemService.ANALYTICS))
                .at(0.45, "SIGKILL order-service, restart", () -> system.killAndRestart(SystemService.ORDER))
                .after(brokerDown, "Kafka broker down for " + BROKER_OUTAGE.toSeconds() + " s",
                        () -> infrastructure.kafka().stop())
                .after(brokerDown.plus(BROKER_OUTAGE), "Kafka broker back", () -> infrastructure.kafka().start())
                .at(0.70, "SIGKILL outbox-relay again, restart", () -> system.killAndRestart(SystemService.RELAY))
                .at(0.80, "Postgres immediate shutdown, restart", () -> infrastructure.postgres().restartImmediately())
                .after(smtpDown.plus(SMTP_OUTAGE), "SMTP back", () -> infrastructure.smtp().start());
    }
}
