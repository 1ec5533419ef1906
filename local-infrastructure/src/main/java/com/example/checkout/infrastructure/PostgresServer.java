package com.example.checkout.infrastructure;

import com.example.checkout.services.SystemService;

/**
 * A running Postgres with {@code wal_level=logical}, the databases of {@link Infrastructure#DATABASES}, and one login
 * role per service ({@link SystemService#databaseRole()}) that owns that service's database and can connect to no
 * other, as in docker-compose.yml.
 */
public interface PostgresServer {

    /** The superuser: for preparing the databases and for tests' own set-up, never for a service. */
    String USERNAME = "postgres";
    String PASSWORD = "postgres";

    String host();

    int port();

    /** The superuser's name; services log in as {@link #username(SystemService)}. */
    default String username() {
        return USERNAME;
    }

    default String password() {
        return PASSWORD;
    }

    /** The role {@code service} logs in as. */
    default String username(SystemService service) {
        return service.databaseRole().orElseThrow(
                () -> new IllegalArgumentException(service.serviceName() + " has no database"));
    }

    /** Its password: the demo's, the same as the service's own default configuration and compose's default. */
    default String password(SystemService service) {
        return passwordOf(username(service));
    }

    /** Local-only passwords: the role's name, as the services' defaults and docker-compose.yml's defaults have it. */
    static String passwordOf(String role) {
        return role;
    }

    /**
     * A crash of the database server: Postgres' immediate shutdown (no checkpoint; every session is cut, the next
     * start runs crash recovery from the WAL), then a start on the same data and port. For chaos tests.
     *
     * @throws UnsupportedOperationException where the server cannot be restarted in place (a container)
     */
    default void restartImmediately() {
        throw new UnsupportedOperationException(this + " cannot be restarted in place");
    }

    default String jdbcUrl(String database) {
        return "jdbc:postgresql://" + host() + ":" + port() + "/" + database;
    }
}
