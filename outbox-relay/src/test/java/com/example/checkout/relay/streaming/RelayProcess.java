package com.example.checkout.relay.streaming;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import com.example.checkout.infrastructure.ServiceProcess;
import com.example.checkout.infrastructure.SharedInfrastructure;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An outbox relay in a process of its own, started from the exec jar that ships ({@code relay.exec.jar}, set by
 * the build), so a test can kill it with SIGKILL the way a crashing host or the OOM killer would: no shutdown hook,
 * no last offset commit, sockets closed by the kernel ({@link ServiceProcess}). Its output goes to
 * {@code target/relay-processes/}.
 */
final class RelayProcess implements AutoCloseable {

    private static final Path LOGS = Path.of("target", "relay-processes");
    private static final String JAR = "relay.exec.jar";

    private final ServiceProcess process;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private RelayProcess(ServiceProcess process) {
        this.process = process;
    }

    /** The shared infrastructure's {@code orders} database and Kafka, as a deployment would configure them. */
    static Map<String, Object> ordersProperties() {
        return new LinkedHashMap<>(SharedInfrastructure.get().springProperties("orders"));
    }

    /** Starts a streaming relay with {@code properties} as its command line, e.g. {@link #ordersProperties()}. */
    static RelayProcess start(String name, Map<String, ?> properties) {
        return new RelayProcess(ServiceProcess.start(name, JAR, properties, LOGS));
    }

    /** Runs one of the jar's commands ({@code --replay-parked}, ...) to its end; returns its exit code. */
    static int runCommand(String name, Map<String, ?> properties, String... command) throws InterruptedException {
        return ServiceProcess.runCommand(name, JAR, properties, LOGS, Duration.ofMinutes(3), command);
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
                    process.baseUrl().resolve("/actuator/health")).timeout(Duration.ofSeconds(5)).build(),
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
        process.kill();
    }

    /** SIGTERM: Spring shuts down gracefully, the batch in flight finishes and its offsets are committed. */
    void stop() {
        process.stop();
    }

    @Override
    public void close() {
        process.close();
    }

    @Override
    public String toString() {
        return "relay process " + process;
    }
}
