package com.example.checkout.relay.streaming;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.example.checkout.infrastructure.Infrastructure;
import com.example.checkout.infrastructure.SharedInfrastructure;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An outbox relay in a process of its own, started from the exec jar that ships ({@code relay.exec.jar}, set by
 * the build), so a test can kill it with SIGKILL the way a crashing host or the OOM killer would: no shutdown hook,
 * no last offset commit, sockets closed by the kernel. Its output goes to {@code target/relay-processes/}.
 */
final class RelayProcess implements AutoCloseable {

    private static final Path LOGS = Path.of("target", "relay-processes");

    private final String name;
    private final Process process;
    private final int port;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private RelayProcess(String name, Process process, int port) {
        this.name = name;
        this.process = process;
        this.port = port;
    }

    /** The shared infrastructure's {@code orders} database and Kafka, as a deployment would configure them. */
    static Map<String, Object> ordersProperties() {
        return new LinkedHashMap<>(SharedInfrastructure.get().springProperties("orders"));
    }

    /** Starts a streaming relay with {@code properties} as its command line, e.g. {@link #ordersProperties()}. */
    static RelayProcess start(String name, Map<String, ?> properties) {
        int port = freePort();
        Map<String, Object> all = new LinkedHashMap<>(properties);
        all.put("server.port", port);
        return new RelayProcess(name, launch(name, all, List.of()), port);
    }

    /** Runs one of the jar's commands ({@code --replay-parked}, ...) to its end; returns its exit code. */
    static int runCommand(String name, Map<String, ?> properties, String... command) throws InterruptedException {
        Process process = launch(name, properties, List.of(command));
        if (!process.waitFor(3, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException("relay command " + List.of(command) + " did not finish; see " + log(name));
        }
        return process.exitValue();
    }

    private static Process launch(String name, Map<String, ?> properties, List<String> extraArguments) {
        String jar = System.getProperty("relay.exec.jar");
        if (jar == null || !Files.isRegularFile(Path.of(jar))) {
            throw new IllegalStateException("No relay exec jar at relay.exec.jar=" + jar + "; the build packages it "
                    + "before the integration tests run");
        }
        List<String> command = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElse("java"),
                "-Xmx320m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-jar", jar));
        command.addAll(List.of(Infrastructure.commandLine(properties)));
        command.addAll(extraArguments);
        try {
            Files.createDirectories(LOGS);
            return new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log(name).toFile())).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start relay process " + name, e);
        }
    }

    static Path log(String name) {
        return LOGS.resolve(name + ".log");
    }

    /**
     * The phase ({@code RUNNING}, {@code STANDBY}, ...) its health reports for {@code source}, or {@code UNREACHABLE}
     * while it is not answering (starting, killed).
     */
    String state(String source) {
        return health().path("components").path("relay").path("details").path(source).path("state")
                .asString("UNREACHABLE");
    }

    JsonNode health() {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                    URI.create("http://localhost:" + port + "/actuator/health")).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return JsonMapper.shared().readTree(response.body());
        } catch (IOException | RuntimeException e) {
            return JsonMapper.shared().createObjectNode();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return JsonMapper.shared().createObjectNode();
        }
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** SIGKILL: the process dies at once, wherever it is. */
    void kill() {
        process.destroyForcibly();
        awaitExit();
    }

    /** SIGTERM: Spring shuts down gracefully, the batch in flight finishes and its offsets are committed. */
    void stop() {
        process.destroy();
        awaitExit();
    }

    private void awaitExit() {
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            kill();
        }
    }

    @Override
    public String toString() {
        return "relay process " + name + " (pid " + process.pid() + ", port " + port + ", log " + log(name) + ")";
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
