package com.example.checkout.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PostgresIntegrationTests {

    private final PostgresServer postgres = SharedInfrastructure.get().postgres();

    @Test
    void walLevelIsLogicalAndCommitsWaitForTheWal() throws SQLException {
        try (Connection connection = connect("orders")) {
            assertThat(setting(connection, "wal_level")).isEqualTo("logical");
            assertThat(setting(connection, "synchronous_commit")).isEqualTo("on");
            assertThat(Integer.parseInt(setting(connection, "max_replication_slots"))).isGreaterThanOrEqualTo(10);
            assertThat(Integer.parseInt(setting(connection, "max_wal_senders"))).isGreaterThanOrEqualTo(10);
        }
    }

    @Test
    void everyServicesDatabaseExists() throws SQLException {
        List<String> connectedTo = new ArrayList<>();
        for (String database : Infrastructure.DATABASES) {
            try (Connection connection = connect(database)) {
                connectedTo.add(single(connection, "SELECT current_database()"));
            }
        }

        assertThat(connectedTo).containsExactlyElementsOf(Infrastructure.DATABASES).contains("orders", "email", "inventory", "analytics");
    }

    @Test
    void aLogicalReplicationSlotStreamsCommittedChanges() throws SQLException {
        // given a table in a publication and a pgoutput slot, as the outbox relay uses them
        try (Connection connection = connect("analytics"); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE slot_probe (id int PRIMARY KEY)");
            statement.execute("CREATE PUBLICATION slot_probe_publication FOR TABLE slot_probe");
            statement.execute("SELECT pg_create_logical_replication_slot('slot_probe_slot', 'pgoutput')");
            try {
                // when a row is committed
                statement.execute("INSERT INTO slot_probe VALUES (1)");

                // then the slot decodes the transaction: begin, relation, insert, commit
                try (ResultSet changes = statement.executeQuery("""
                        SELECT count(*) FROM pg_logical_slot_peek_binary_changes('slot_probe_slot', NULL, NULL,
                            'proto_version', '1', 'publication_names', 'slot_probe_publication')""")) {
                    changes.next();
                    assertThat(changes.getInt(1)).isEqualTo(4);
                }
            } finally {
                statement.execute("SELECT pg_drop_replication_slot('slot_probe_slot')");
                statement.execute("DROP PUBLICATION slot_probe_publication");
                statement.execute("DROP TABLE slot_probe");
            }
        }
    }

    @Test
    void aWrongPasswordIsRejected() {
        assertThatThrownBy(() -> DriverManager.getConnection(postgres.jdbcUrl("orders"), postgres.username(), "wrong"))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("password authentication failed");
    }

    private Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(postgres.jdbcUrl(database), postgres.username(), postgres.password());
    }

    private static String setting(Connection connection, String name) throws SQLException {
        return single(connection, "SHOW " + name);
    }

    private static String single(Connection connection, String query) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(query)) {
            result.next();
            return result.getString(1);
        }
    }
}
