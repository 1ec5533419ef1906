package com.example.checkout.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the chaos test relies on: an immediate restart cuts every session and keeps every commit. */
class PostgresCrashRestartIntegrationTests {

    @TempDir
    Path data;

    @Test
    void anImmediateRestartCutsOpenSessionsAndKeepsCommittedRows() throws SQLException {
        try (ZonkyPostgresServer postgres = ZonkyPostgresServer.start(data.resolve("postgres"),
                InfrastructurePorts.freePort())) {
            // given a committed row and an open session
            Connection before = connect(postgres);
            try (Statement statement = before.createStatement()) {
                statement.execute("CREATE TABLE crash_probe (id int PRIMARY KEY)");
                statement.execute("INSERT INTO crash_probe VALUES (1)");
            }
            long postmasterBefore = postgres.postmasterPid();

            // when the server crashes and starts again
            postgres.restartImmediately();

            // then the old session is gone, a new one sees the row, and it is a new server process
            assertThatThrownBy(() -> before.createStatement().executeQuery("SELECT 1")).isInstanceOf(SQLException.class);
            try (Connection after = connect(postgres); Statement statement = after.createStatement();
                    ResultSet rows = statement.executeQuery("SELECT count(*) FROM crash_probe")) {
                rows.next();
                assertThat(rows.getInt(1)).isEqualTo(1);
            }
            assertThat(postgres.postmasterPid()).isNotEqualTo(postmasterBefore);
        }
    }

    private static Connection connect(PostgresServer postgres) throws SQLException {
        return DriverManager.getConnection(postgres.jdbcUrl("orders"), postgres.username(), postgres.password());
    }
}
