package com.example.checkout.infrastructure;

/** A running Postgres with {@code wal_level=logical} and the databases of {@link Infrastructure#DATABASES}. */
public interface PostgresServer {

    String host();

    int port();

    String username();

    String password();

    default String jdbcUrl(String database) {
        return "jdbc:postgresql://" + host() + ":" + port() + "/" + database;
    }
}
