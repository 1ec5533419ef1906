package com.example.checkout.infrastructure;

import java.nio.file.Path;

/**
 * Starts Postgres and waits to be killed: a JVM whose Postgres outlives it, for the orphan clean-up test. Its one
 * line of output, {@link #READY}, is how that test ({@code EmbeddedInfrastructureIntegrationTests}) knows to kill
 * it, and the test asserts it was printed.
 */
final class PostgresLeftRunning {

    static final String READY = "postgres-ready";

    private PostgresLeftRunning() {
    }

    public static void main(String[] args) throws InterruptedException {
        ZonkyPostgresServer.start(Path.of(args[0]), Integer.parseInt(args[1]));
        System.out.println(READY);
        System.out.flush();
        Thread.currentThread().join(); // until killed
    }
}
