package com.example.checkout.relay.streaming;

import java.net.URI;

import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;

/**
 * The database the relay streams from, taken apart from {@code spring.datasource.url}: Debezium wants host, port
 * and database name separately, while deployments only set the JDBC URL.
 */
public record SourceDatabase(String host, int port, String database, String username, String password) {

    private static final String PREFIX = "jdbc:postgresql://";
    private static final int DEFAULT_PORT = 5432;

    /**
     * @throws IllegalArgumentException for anything but a single-host {@code jdbc:postgresql://host[:port]/database}
     *         URL: a replication stream follows one server, multi-host failover URLs do not apply
     */
    public static SourceDatabase from(JdbcConnectionDetails connection) {
        return from(connection.getJdbcUrl(), connection.getUsername(), connection.getPassword());
    }

    /** @see #from(JdbcConnectionDetails) */
    public static SourceDatabase from(String url, String username, String password) {
        if (url == null || !url.startsWith(PREFIX) || url.substring(PREFIX.length()).contains(",")) {
            throw new IllegalArgumentException(
                    "a source URL must be jdbc:postgresql://host[:port]/database, was: " + url);
        }
        URI uri = URI.create(url.substring("jdbc:".length()));
        String database = uri.getPath() == null ? "" : uri.getPath().replaceFirst("^/", "");
        if (uri.getHost() == null || database.isEmpty()) {
            throw new IllegalArgumentException(
                    "a source URL must name a host and a database, was: " + url);
        }
        return new SourceDatabase(uri.getHost(), uri.getPort() == -1 ? DEFAULT_PORT : uri.getPort(), database,
                username, password);
    }

    public String jdbcUrl() {
        return PREFIX + host + ":" + port + "/" + database;
    }

    @Override
    public String toString() {
        return "SourceDatabase[" + username + "@" + host + ":" + port + "/" + database + "]";
    }
}
