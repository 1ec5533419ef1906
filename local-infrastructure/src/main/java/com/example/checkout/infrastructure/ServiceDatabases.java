package com.example.checkout.infrastructure;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import com.example.checkout.services.SystemService;

/**
 * Prepares a Postgres for the services, as docker-compose.yml's Postgres is prepared on its first start: creates the
 * databases that do not exist yet (and leaves those that do, and their data, alone), then runs compose's own
 * {@code 20-service-roles.sql} (one role per service, owning its database and able to connect to nothing else) and
 * sets each role's password. On every start, so a data directory kept from an earlier run gets the roles too.
 */
final class ServiceDatabases {

    /** {@code compose/postgres/20-service-roles.sql}, copied onto the classpath by this module's build. */
    private static final String ROLES_SCRIPT = "postgres/20-service-roles.sql";

    private ServiceDatabases() {
    }

    static void prepare(PostgresServer postgres) {
        List<String> databases = Infrastructure.DATABASES;
        try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl("postgres"), postgres.username(), postgres.password());
             PreparedStatement exists = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?");
             Statement statement = connection.createStatement()) {
            for (String database : databases) {
                exists.setString(1, database);
                try (ResultSet result = exists.executeQuery()) {
                    if (!result.next()) {
                        // Database names are our own constants, never user input.
                        statement.execute("CREATE DATABASE " + database);
                    }
                }
            }
            statement.execute(rolesScript());
            for (SystemService service : SystemService.values()) {
                if (service.databaseRole().isPresent()) {
                    String role = service.databaseRole().orElseThrow();
                    // Role names and passwords are our own constants, never user input.
                    statement.execute("ALTER ROLE " + role + " PASSWORD '" + PostgresServer.passwordOf(role) + "'");
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not prepare the databases " + databases + " and the services' roles", e);
        }
    }

    private static String rolesScript() {
        try (InputStream script = ServiceDatabases.class.getResourceAsStream(ROLES_SCRIPT)) {
            if (script == null) {
                throw new IllegalStateException(ROLES_SCRIPT + " is not on the classpath (local-infrastructure's build "
                        + "copies it from compose/postgres)");
            }
            return new String(script.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
