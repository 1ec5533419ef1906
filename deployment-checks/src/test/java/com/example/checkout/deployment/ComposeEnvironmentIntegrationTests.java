package com.example.checkout.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import com.example.checkout.deployment.ComposeFile.ComposeService;
import com.example.checkout.infrastructure.Infrastructure;
import com.example.checkout.infrastructure.PostgresServer;
import com.example.checkout.infrastructure.SharedInfrastructure;
import com.example.checkout.services.SystemService;

/**
 * What {@code docker compose up} would do to each service, minus Docker: its runnable jar, the one the image runs,
 * started as a process of its own with exactly the environment docker-compose.yml gives it (plus the image's
 * {@code SERVER_PORT}), only with postgres, kafka and mailpit pointed at this JVM's infrastructure. It must
 * become ready as the image's health check sees it. A variable whose value the service cannot bind, a missing
 * setting or a wrong database fails the start, and with it the test.
 *
 * <p>One service at a time, in compose's start order: order-service's migration creates the replication slot the
 * relay needs, and the relay declares the topic the consumers subscribe to.
 */
class ComposeEnvironmentIntegrationTests {

    private static final Duration READY_WITHIN = Duration.ofSeconds(90);
    private static final Duration STOPPED_WITHIN = Duration.ofSeconds(30);
    private static final Path LOGS = Path.of("target", "compose-environment");
    private static final Path READINESS_CHECK = Architecture.repositoryRoot().resolve("docker/readiness-check.sh");

    /**
     * Compose's {@code lgtm} (an OTLP collector) stands in as a port that takes every span and answers 200. Without
     * it each service's span exporter, stopping, retries its last spans against a host that does not resolve for
     * about 8 s before the JVM exits (the console, which exports nothing, stopped at once).
     */
    private static HttpServer collector;

    private final ComposeFile compose = Architecture.composeFile();

    @BeforeAll
    static void startTheCollectorStandIn() throws IOException {
        collector = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        collector.createContext("/", exchange -> {
            exchange.getRequestBody().transferTo(OutputStream.nullOutputStream());
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        collector.start();
    }

    @AfterAll
    static void stopTheCollectorStandIn() {
        collector.stop(0);
    }
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @TestFactory
    Stream<DynamicTest> eachServiceBecomesReadyWithItsComposeEnvironment() {
        Infrastructure infrastructure = SharedInfrastructure.get();
        // Compose's own infrastructure services, as this JVM reaches their stand-ins.
        Map<String, InetSocketAddress> infrastructureServices = Map.of(
                "postgres", address(infrastructure.postgres().host(), infrastructure.postgres().port()),
                "kafka", address(infrastructure.kafka().bootstrapServers()),
                "mailpit", address(infrastructure.smtp().host(), infrastructure.smtp().port()),
                "lgtm", address(collector.getAddress().getHostString(), collector.getAddress().getPort()));

        Stream<DynamicTest> starts = compose.startOrder().stream()
                .filter(ComposeService::isApplication)
                .map(service -> DynamicTest.dynamicTest(service.name(),
                        () -> startsAndBecomesReady(service, service.environmentWith(infrastructureServices))));
        // After the starts: order-service's migrations have created the tables the relay may and may not read.
        Stream<DynamicTest> credentials = compose.applications().stream()
                .filter(service -> service.environment().containsKey("SPRING_DATASOURCE_USERNAME"))
                .map(service -> DynamicTest.dynamicTest(service.name() + " credentials",
                        () -> credentialsOpenOnlyItsOwnDatabase(infrastructure, service)));
        return Stream.concat(starts, credentials);
    }

    /**
     * A service's compose credentials, given to its role as compose's Postgres does on its first start
     * (compose/postgres/30-service-passwords.sh), open its own database and are refused by every other one; the
     * relay's open the order service's (and inventory's) database but read only the outbox there.
     */
    private void credentialsOpenOnlyItsOwnDatabase(Infrastructure infrastructure, ComposeService service) throws SQLException {
        // given the role's password as compose sets it
        Map<String, String> environment = service.environment();
        String role = environment.get("SPRING_DATASOURCE_USERNAME");
        String password = environment.get("SPRING_DATASOURCE_PASSWORD");
        String ownDatabase = environment.get("SPRING_DATASOURCE_URL").replaceFirst(".*/", "");
        PostgresServer postgres = infrastructure.postgres();
        try (Connection admin = DriverManager.getConnection(postgres.jdbcUrl("postgres"), postgres.username(), postgres.password());
             PreparedStatement setPassword = admin.prepareStatement("SELECT format('ALTER ROLE %I PASSWORD %L', ?, ?)")) {
            setPassword.setString(1, role);
            setPassword.setString(2, compose.services().get("postgres").environment().get(role.toUpperCase() + "_DB_PASSWORD"));
            try (ResultSet alter = setPassword.executeQuery(); Statement statement = admin.createStatement()) {
                alter.next();
                statement.execute(alter.getString(1));
            }
        }

        // then its own database opens
        try (Connection own = DriverManager.getConnection(postgres.jdbcUrl(ownDatabase), role, password)) {
            assertThat(own.isValid(2)).isTrue();
            if (service.name().equals(SystemService.RELAY.serviceName())) {
                assertThat(readable(own, "outbox")).as("the relay reads the outbox it streams").isTrue();
                assertThat(readable(own, "orders")).as("the relay reads no order").isFalse();
            }
        }
        // and every other one refuses it
        // The relay streams inventory's outbox too (its second source), so it may connect there as well.
        List<String> allowed = service.name().equals(SystemService.RELAY.serviceName())
                ? List.of(ownDatabase, "inventory") : List.of(ownDatabase);
        List<String> others = Stream.concat(Stream.of("postgres"), SystemService.databases().stream())
                .filter(database -> !allowed.contains(database)).toList();
        assertThat(others).isNotEmpty();
        for (String other : others) {
            assertThatThrownBy(() -> DriverManager.getConnection(postgres.jdbcUrl(other), role, password).close())
                    .as("%s's credentials on database %s", service.name(), other)
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("permission denied for database");
        }
    }

    private static boolean readable(Connection connection, String table) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.executeQuery("SELECT count(*) FROM " + table).close();
            return true;
        } catch (SQLException refused) {
            if (!"42501".equals(refused.getSQLState())) {
                throw refused;
            }
            return false;
        }
    }

    private void startsAndBecomesReady(ComposeService service, Map<String, String> environment)
            throws IOException, InterruptedException {
        ServiceJar jar = ServiceJar.of(Architecture.repositoryRoot(), service.name());
        int port = freePort();
        Path log = LOGS.resolve(service.name() + ".log");
        Files.createDirectories(LOGS);

        ProcessBuilder builder = new ProcessBuilder(javaCommand(), "-Xmx256m", "-jar", jar.file().toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        // Nothing of this JVM's environment leaks in: what compose sets, and the port the image sets.
        builder.environment().clear();
        builder.environment().putAll(environment);
        builder.environment().put("SERVER_PORT", String.valueOf(port));
        Process process = builder.start();
        try {
            await().atMost(READY_WITHIN).pollInterval(Duration.ofSeconds(1))
                    .failFast(() -> assertThat(process.isAlive())
                            .as(() -> service.name() + " exited with " + process.exitValue() + " before it was ready")
                            .isTrue())
                    .until(() -> readinessCheckPasses(port));
            assertThat(readiness(port)).as(service.name() + " readiness").contains("\"status\":\"UP\"");

            process.destroy();

            assertThat(process.waitFor(STOPPED_WITHIN.toSeconds(), TimeUnit.SECONDS))
                    .as(service.name() + " stopped within " + STOPPED_WITHIN).isTrue();
        }
        catch (Throwable failure) {
            // The service's own last words belong to the failure, not to the build's output.
            throw new AssertionError(failure.getMessage() + "\n---- last lines of " + log.toAbsolutePath()
                    + " ----\n" + String.join("\n", tail(log, 80)), failure);
        }
        finally {
            if (process.isAlive()) {
                process.destroyForcibly().waitFor();
            }
        }
    }

    /** The image's own health check script (docker/readiness-check.sh): exit code 0 means ready. */
    private static boolean readinessCheckPasses(int port) throws IOException, InterruptedException {
        ProcessBuilder check = new ProcessBuilder("bash", READINESS_CHECK.toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        check.environment().put("SERVER_PORT", String.valueOf(port));
        return check.start().waitFor() == 0;
    }

    private String readiness(int port) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health/readiness"))
                .timeout(Duration.ofSeconds(5))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString()).body();
    }

    /** The JVM running this test runs the services too: the JDK the build uses is the one checked. */
    private static String javaCommand() {
        return ProcessHandle.current().info().command()
                .orElseThrow(() -> new IllegalStateException("cannot tell which java runs this test"));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static InetSocketAddress address(String host, int port) {
        return InetSocketAddress.createUnresolved(host, port);
    }

    /** {@code host:port}, the form of a single-broker bootstrap address. */
    private static InetSocketAddress address(String hostAndPort) {
        int colon = hostAndPort.lastIndexOf(':');
        return address(hostAndPort.substring(0, colon), Integer.parseInt(hostAndPort.substring(colon + 1)));
    }

    private static List<String> tail(Path log, int lines) {
        try {
            // Lenient about encoding: a half-written last line must not hide the rest.
            List<String> all = new String(Files.readAllBytes(log), StandardCharsets.UTF_8).lines().toList();
            return all.subList(Math.max(0, all.size() - lines), all.size());
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
