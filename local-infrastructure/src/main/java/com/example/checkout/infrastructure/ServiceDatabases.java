package com.example.checkout.infrastructure;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/** Creates the services' databases on a fresh Postgres, and leaves those that exist (and their data) alone. */
final class ServiceDatabases {

    private ServiceDatabases() {
    }

    static void createMissing(PostgresServer postgres, List<String> databases) {
        try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl("postgres"), postgres.username(), postgres.password());
             PreparedStatement exists = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?");
             Statement create = connection.createStatement()) {
            for (String database : databases) {
                exists.setString(1, database);
                try (ResultSet result = exists.executeQuery()) {
                    if (!result.next()) {
                        // Database names are our own constants, never user input.
                        create.execute("CREATE DATABASE " + database);
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create the databases " + databases, e);
        }
    }
}
