package com.example.checkout.infrastructure;

import java.util.List;
import org.testcontainers.postgresql.PostgreSQLContainer;

/** Postgres in a container ({@code postgres:18}), with logical replication as in docker-compose.yml. */
final class PostgresContainerServer implements PostgresServer, AutoCloseable {

    static final String IMAGE = "postgres:18";

    private final PostgreSQLContainer container;

    private PostgresContainerServer(PostgreSQLContainer container) {
        this.container = container;
    }

    static PostgresContainerServer startContainer(List<String> databases) {
        PostgreSQLContainer container = new PostgreSQLContainer(IMAGE)
                .withUsername(USERNAME)
                .withPassword(PASSWORD)
                .withDatabaseName("postgres")
                // fsync=off as in the embedded server: tests do not survive power loss, they survive process crashes.
                .withCommand("postgres", "-c", "wal_level=logical", "-c", "max_replication_slots=10",
                        "-c", "max_wal_senders=10", "-c", "max_slot_wal_keep_size=1GB", "-c", "fsync=off");
        container.start();
        PostgresContainerServer server = new PostgresContainerServer(container);
        try {
            ServiceDatabases.createMissing(server, databases);
        } catch (RuntimeException e) {
            container.stop();
            throw e;
        }
        return server;
    }

    @Override
    public String host() {
        return container.getHost();
    }

    @Override
    public int port() {
        return container.getMappedPort(PostgreSQLContainer.POSTGRESQL_PORT);
    }

    @Override
    public void close() {
        container.stop();
    }
}
