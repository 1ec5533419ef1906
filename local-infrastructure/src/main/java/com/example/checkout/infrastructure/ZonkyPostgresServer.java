package com.example.checkout.infrastructure;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Postgres from zonky's embedded binaries, run as a child process, configured for logical replication.
 *
 * <p>zonky runs {@code initdb} and {@code pg_ctl} under {@code unshare -U} when available, which is what lets
 * Postgres (which refuses to run as root) start on machines where the build runs as root.
 */
final class ZonkyPostgresServer implements PostgresServer, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ZonkyPostgresServer.class);
    private static final String HOST = "localhost";

    private volatile EmbeddedPostgres postgres;
    private final Path dataDirectory;
    private final int port;

    private ZonkyPostgresServer(EmbeddedPostgres postgres, Path dataDirectory, int port) {
        this.postgres = postgres;
        this.dataDirectory = dataDirectory;
        this.port = port;
    }

    /**
     * Starts Postgres on {@code port} with its data in {@code dataDirectory}; reuses the data if it was initialized
     * before, and prepares the services' databases and roles ({@link ServiceDatabases}).
     */
    static ZonkyPostgresServer start(Path dataDirectory, int port) {
        try {
            Files.createDirectories(dataDirectory);
            Path passwordFile = dataDirectory.resolveSibling("postgres-password");
            Files.writeString(passwordFile, PASSWORD, StandardCharsets.UTF_8);
            EmbeddedPostgres postgres = embedded(dataDirectory, port, passwordFile);
            ZonkyPostgresServer server = new ZonkyPostgresServer(postgres, dataDirectory, port);
            try {
                ServiceDatabases.prepare(server);
            } catch (RuntimeException e) {
                server.close();
                throw e;
            }
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start Postgres on port " + port, e);
        }
    }

    private static EmbeddedPostgres embedded(Path dataDirectory, int port, Path passwordFile) throws IOException {
        return EmbeddedPostgres.builder()
                .setDataDirectory(dataDirectory)
                .setCleanDataDirectory(false)
                .setRegisterShutdownHook(false) // the owning EmbeddedInfrastructure stops it
                .setPort(port)
                .setPGStartupWait(Duration.ofSeconds(60))
                // The outbox relay streams the WAL through a replication slot (Debezium, pgoutput).
                .setServerConfig("wal_level", "logical")
                .setServerConfig("max_replication_slots", "10")
                .setServerConfig("max_wal_senders", "10")
                // A relay that is down must not fill the disk: past this, Postgres invalidates the slot (the
                // relay reports it DOWN, with the recovery) instead of keeping WAL without limit.
                .setServerConfig("max_slot_wal_keep_size", "1GB")
                // zonky turns it off for speed; off delays WAL flushes, and so what the relay sees, by up to 200 ms.
                .setServerConfig("synchronous_commit", "on")
                // Commit times of every row, so the load benchmark measures commit -> effect from the
                // database's own clock (a few bytes per transaction).
                .setServerConfig("track_commit_timestamp", "on")
                // zonky passes these through to initdb: password authentication over TCP (replication
                // included), like a real server, so a wrong password in a service's configuration fails here too.
                .setLocaleConfig("auth-host", "scram-sha-256")
                .setLocaleConfig("pwfile", passwordFile.toString())
                // zonky's own readiness check connects over TCP, so it needs the password as well.
                .setConnectConfig("password", PASSWORD)
                .start();
    }

    /**
     * SIGQUIT to the postmaster is Postgres' immediate shutdown; zonky's handle of the dead server is then closed
     * (its {@code pg_ctl stop} finds nothing to stop, and it releases its lock on the data directory) and a new
     * one started on the same directory and port.
     */
    @Override
    public synchronized void restartImmediately() {
        long pid = postmasterPid();
        ProcessHandle postmaster = ProcessHandle.of(pid).orElseThrow();
        try {
            new ProcessBuilder("kill", "-QUIT", String.valueOf(pid)).inheritIO().start().waitFor();
            postmaster.onExit().get(30, TimeUnit.SECONDS);
            try {
                postgres.close();
            } catch (IOException | RuntimeException alreadyStopped) {
                log.debug("Closing the handle of the stopped Postgres: {}", alreadyStopped.toString());
            }
            postgres = embedded(dataDirectory, port, dataDirectory.resolveSibling("postgres-password"));
        } catch (IOException | ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Could not restart Postgres on port " + port, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while restarting Postgres", e);
        }
    }

    /**
     * Stops a Postgres that a killed JVM (kill -9, an IDE's stop button) left running on {@code dataDirectory}:
     * Postgres is a separate process, so it outlives its owner and would hold the port and the data directory.
     */
    static void stopOrphanedServer(Path dataDirectory) {
        postmasterOf(dataDirectory).ifPresent(orphan -> {
            log.warn("Stopping Postgres (pid {}) left running on {} by a process that is gone", orphan.pid(), dataDirectory);
            try {
                // SIGINT is Postgres' fast shutdown: it disconnects the dead owner's sessions instead of waiting for them.
                new ProcessBuilder("kill", "-INT", String.valueOf(orphan.pid())).inheritIO().start().waitFor();
                orphan.onExit().get(30, TimeUnit.SECONDS);
            } catch (IOException | ExecutionException | TimeoutException e) {
                throw new IllegalStateException("Could not stop the Postgres (pid " + orphan.pid() + ") left running on "
                        + dataDirectory + "; stop it by hand", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while stopping an orphaned Postgres", e);
            }
        });
    }

    private static Optional<ProcessHandle> postmasterOf(Path dataDirectory) {
        Path pidFile = dataDirectory.resolve("postmaster.pid");
        long pid;
        try {
            // The first line of postmaster.pid is the postmaster's process id.
            pid = Long.parseLong(Files.readAllLines(pidFile).getFirst().strip());
        } catch (IOException | RuntimeException noServerOrUnreadable) {
            return Optional.empty();
        }
        // The pid may have been reused since: only a postgres serving this data directory counts.
        return ProcessHandle.of(pid).filter(process -> process.info().commandLine()
                .filter(command -> command.contains("postgres") && command.contains(dataDirectory.toString()))
                .isPresent());
    }

    Path dataDirectory() {
        return dataDirectory;
    }

    /** The process id of the postmaster serving this data directory. */
    long postmasterPid() {
        return postmasterOf(dataDirectory).map(ProcessHandle::pid)
                .orElseThrow(() -> new IllegalStateException("No postmaster.pid in " + dataDirectory));
    }

    @Override
    public String host() {
        return HOST;
    }

    @Override
    public int port() {
        return port;
    }

    /** Stops the server with {@code pg_ctl stop -m fast}: open connections are closed, committed data is kept. */
    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not stop Postgres on port " + port, e);
        }
    }
}
