package com.example.checkout.infrastructure;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Postgres (zonky embedded binaries, a child process), a Kafka broker (KRaft, in this JVM) and an SMTP server
 * (GreenMail, in this JVM), started together; no Docker needed.
 *
 * <p>The local demo starts it on {@link InfrastructurePorts#defaults()} with a data directory that survives restarts;
 * tests use {@link SharedInfrastructure#get()}, which starts one on random ports with temporary data.
 * A JVM shutdown hook closes it if its owner does not, after Spring has closed the applications running on it, so no
 * Postgres process outlives the JVM after a normal exit; after a SIGKILL, a {@link PostgresWatchdog} stops it (and one
 * left behind anyway, when the watchdog was killed too, is stopped by the next start).
 */
public final class EmbeddedInfrastructure implements Infrastructure {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedInfrastructure.class);

    private final ZonkyPostgresServer postgres;
    private final PostgresWatchdog watchdog;
    private final KraftKafkaBroker kafka;
    private final GreenMailSmtpServer smtp;
    private final Path dataDirectory;
    private final TemporaryDataDirectory temporaryDataDirectory;
    private final Thread shutdownHook = ShutdownAfterApplications.hook("embedded-infrastructure-shutdown", this::stopAll);
    private boolean closed;

    private EmbeddedInfrastructure(ZonkyPostgresServer postgres, PostgresWatchdog watchdog, KraftKafkaBroker kafka,
                                   GreenMailSmtpServer smtp, Path dataDirectory,
                                   TemporaryDataDirectory temporaryDataDirectory) {
        this.postgres = postgres;
        this.watchdog = watchdog;
        this.kafka = kafka;
        this.smtp = smtp;
        this.dataDirectory = dataDirectory;
        this.temporaryDataDirectory = temporaryDataDirectory;
    }

    /** Starts everything with data in a temporary directory that {@link #close()} deletes. */
    public static EmbeddedInfrastructure start(InfrastructurePorts ports) {
        return start(ports, null);
    }

    /**
     * Starts everything on {@code ports}.
     *
     * @param dataDirectory where Postgres and Kafka keep their data, reused (and kept) across starts;
     *                      {@code null} for a temporary directory that {@link #close()} deletes
     * @throws PortInUseException if one of the ports is taken; nothing has been started then
     */
    public static EmbeddedInfrastructure start(InfrastructurePorts ports, Path dataDirectory) {
        long startedAt = System.nanoTime();
        stopLeftovers(dataDirectory);
        ports.requireFree();
        TemporaryDataDirectory temporary = dataDirectory == null ? TemporaryDataDirectory.create() : null;
        Path directory = temporary != null ? temporary.path() : dataDirectory.toAbsolutePath();
        log.info("Starting Postgres on port {}, Kafka on port {} and SMTP on port {}, data in {}",
                ports.postgres(), ports.kafka(), ports.smtp(), directory);

        // Postgres is a child process and Kafka mostly waits on itself: starting them side by side saves seconds.
        CompletableFuture<ZonkyPostgresServer> postgres = CompletableFuture.supplyAsync(
                () -> timed("Postgres", () -> ZonkyPostgresServer.start(directory.resolve("postgres"), ports.postgres(), DATABASES)),
                command -> new Thread(command, "start-postgres").start());
        KraftKafkaBroker kafka = null;
        GreenMailSmtpServer smtp = null;
        try {
            kafka = timed("Kafka", () -> KraftKafkaBroker.start(directory.resolve("kafka"), ports.kafka()));
            smtp = timed("SMTP", () -> GreenMailSmtpServer.start(ports.smtp()));
            ZonkyPostgresServer database = postgres.join();
            PostgresWatchdog watchdog = PostgresWatchdog.guard(database.postmasterPid(), database.dataDirectory(),
                    temporary == null ? null : temporary.path());
            EmbeddedInfrastructure infrastructure = new EmbeddedInfrastructure(database, watchdog, kafka, smtp,
                    directory, temporary);
            Runtime.getRuntime().addShutdownHook(infrastructure.shutdownHook);
            log.info("Infrastructure ready in {} ms: {}", (System.nanoTime() - startedAt) / 1_000_000, infrastructure);
            return infrastructure;
        } catch (RuntimeException e) {
            closeQuietly(smtp);
            closeQuietly(kafka);
            try {
                closeQuietly(postgres.join());
            } catch (CompletionException ignored) {
                // Postgres failed too; the failure being thrown is the first one.
            }
            if (temporary != null) {
                temporary.delete();
            }
            throw e instanceof CompletionException && e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    /**
     * Stops what a killed process left running on {@code dataDirectory} (its Postgres, which outlives the JVM when
     * even its watchdog was killed), or, for {@code null}, on every abandoned temporary data directory: call before
     * checking that the ports are free, since a leftover Postgres still holds its port.
     */
    public static void stopLeftovers(Path dataDirectory) {
        if (dataDirectory == null) {
            TemporaryDataDirectory.deleteAbandoned();
        } else {
            ZonkyPostgresServer.stopOrphanedServer(dataDirectory.toAbsolutePath().resolve("postgres"));
        }
    }

    @Override
    public PostgresServer postgres() {
        return postgres;
    }

    @Override
    public KafkaBroker kafka() {
        return kafka;
    }

    @Override
    public SmtpServer smtp() {
        return smtp;
    }

    /** Stops SMTP, Kafka and Postgres, and deletes the data unless a data directory was given. */
    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // The hook is running or about to; stopAll is idempotent.
        }
        stopAll();
    }

    private synchronized void stopAll() {
        if (closed) {
            return;
        }
        closed = true;
        long stoppingAt = System.nanoTime();
        closeQuietly(smtp);
        closeQuietly(kafka);
        closeQuietly(watchdog);
        closeQuietly(postgres);
        if (temporaryDataDirectory != null) {
            temporaryDataDirectory.delete();
        }
        log.info("Infrastructure stopped in {} ms", (System.nanoTime() - stoppingAt) / 1_000_000);
    }

    /**
     * For an owner that closes this itself, after the applications running on it, from its own shutdown hook (the
     * local demo): without this, the JVM would also run our hook, which cannot see when the owner's applications
     * are closed and could stop Postgres and Kafka under them.
     */
    public void leaveShutdownToOwner() {
        Runtime.getRuntime().removeShutdownHook(shutdownHook);
    }

    /** Where Postgres and Kafka keep their data. */
    public Path dataDirectory() {
        return dataDirectory;
    }

    @Override
    public String toString() {
        return "postgres=" + postgres.jdbcUrl("<database>") + ", kafka=" + kafka.bootstrapServers()
                + ", smtp=" + smtp.host() + ":" + smtp.port() + ", data=" + dataDirectory;
    }

    private static <T> T timed(String what, Supplier<T> start) {
        long startedAt = System.nanoTime();
        T started = start.get();
        log.info("{} started in {} ms", what, (System.nanoTime() - startedAt) / 1_000_000);
        return started;
    }

    private static void closeQuietly(AutoCloseable part) {
        if (part == null) {
            return;
        }
        try {
            part.close();
        } catch (Exception e) {
            log.warn("Could not stop {}", part.getClass().getSimpleName(), e);
        }
    }
}
