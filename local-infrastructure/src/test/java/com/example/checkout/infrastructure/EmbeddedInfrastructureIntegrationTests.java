package com.example.checkout.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local demo's mode: a data directory that outlives the infrastructure. */
class EmbeddedInfrastructureIntegrationTests {

    @TempDir
    Path dataDirectory;

    @Test
    void dataSurvivesARestartOfTheWholeInfrastructure() throws Exception {
        // given a row and a topic written before a shutdown
        try (EmbeddedInfrastructure first = EmbeddedInfrastructure.start(InfrastructurePorts.random(), dataDirectory)) {
            execute(first.postgres(), "CREATE TABLE survivor (name text); INSERT INTO survivor VALUES ('kept')");
            first.kafka().createTopic("survivor", 2);
        }

        // when the infrastructure starts again on the same data, even on other ports
        try (EmbeddedInfrastructure second = EmbeddedInfrastructure.start(InfrastructurePorts.random(), dataDirectory)) {
            // then
            assertThat(query(second.postgres(), "SELECT name FROM survivor")).isEqualTo("kept");
            assertThat(topicNames(second.kafka())).contains("survivor");
        }
        assertThat(dataDirectory.resolve("postgres")).exists();
    }

    @Test
    void aPostgresLeftRunningByAProcessThatIsGoneIsStoppedBeforeTheNextStart() throws Exception {
        // given a Postgres still running on the data directory after its JVM was killed, as after kill -9 of the demo
        Process owner = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), PostgresLeftRunning.class.getName(),
                dataDirectory.resolve("postgres").toString(), String.valueOf(InfrastructurePorts.freePort()))
                .redirectErrorStream(true)
                .start();
        try (BufferedReader output = owner.inputReader()) {
            assertThat(output.lines().filter(PostgresLeftRunning.READY::equals).findFirst()).isPresent();
        }
        owner.destroyForcibly().waitFor();
        ProcessHandle orphanProcess = postmaster(dataDirectory.resolve("postgres"));
        assertThat(orphanProcess.isAlive()).isTrue();

        // when
        try (EmbeddedInfrastructure infrastructure = EmbeddedInfrastructure.start(InfrastructurePorts.random(), dataDirectory)) {
            // then the orphan is gone and the new Postgres serves the same data
            assertThat(orphanProcess.isAlive()).isFalse();
            assertThat(query(infrastructure.postgres(), "SELECT count(*) FROM pg_database WHERE datname = 'orders'"))
                    .isEqualTo("1");
        }
    }

    @Test
    void atJvmExitTheInfrastructureStopsOnlyAfterTheApplicationsHaveClosed() throws Exception {
        // given a JVM running an application on the infrastructure, which it closes in a Spring-like shutdown hook
        Process application = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), ApplicationExitingWithInfrastructure.class.getName())
                .redirectErrorStream(true)
                .start();

        // when it exits
        List<String> output;
        try (BufferedReader reader = application.inputReader()) {
            output = reader.lines().toList();
        }

        // then the application closed against a live broker and database, and nothing was left behind
        assertThat(application.waitFor()).isZero();
        assertThat(output).contains(ApplicationExitingWithInfrastructure.REPORT + "kafka=true postgres=true");
        Path data = Path.of(output.stream().filter(line -> line.startsWith("data=")).findFirst().orElseThrow()
                .substring("data=".length()));
        assertThat(data).doesNotExist();
    }

    private static ProcessHandle postmaster(Path postgresData) throws IOException {
        long pid = Long.parseLong(Files.readAllLines(postgresData.resolve("postmaster.pid"))
                .getFirst().strip());
        return ProcessHandle.of(pid).orElseThrow();
    }

    private static void execute(PostgresServer postgres, String sql) throws SQLException {
        try (Connection connection = connect(postgres); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static String query(PostgresServer postgres, String sql) throws SQLException {
        try (Connection connection = connect(postgres);
             Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getString(1);
        }
    }

    private static Connection connect(PostgresServer postgres) throws SQLException {
        return DriverManager.getConnection(postgres.jdbcUrl("orders"), postgres.username(), postgres.password());
    }

    private static Set<String> topicNames(KafkaBroker kafka) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            return admin.listTopics().names().get();
        }
    }
}
