package com.example.checkout.infrastructure;

/** A running Postgres with {@code wal_level=logical} and the databases of {@link Infrastructure#DATABASES}. */
public interface PostgresServer {

    /** The superuser of every mode, as in the services' defaults and docker-compose.yml. */
    String USERNAME = "postgres";
    String PASSWORD = "postgres";

    String host();

    int port();

    default String username() {
        return USERNAME;
    }

    default String password() {
        return PASSWORD;
    }

    default String jdbcUrl(String database) {
        return "jdbc:postgresql://" + host() + ":" + port() + "/" + database;
    }
}
