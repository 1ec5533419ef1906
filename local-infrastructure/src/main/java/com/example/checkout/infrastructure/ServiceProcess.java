package com.example.checkout.infrastructure;

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

/**
 * A service in a process of its own, started from the exec jar that ships, so a test can kill it with SIGKILL the
 * way a crashing host or the OOM killer would: no shutdown hook, no last commit, sockets closed by the kernel. Its
 * properties are its command line (they outrank its yml, as environment variables do in a deployment); its output
 * goes to {@code <logs>/<name>.log}.
 */
public final class ServiceProcess implements AutoCloseable {

    private final String name;
    private final Path jar;
    private final Map<String, Object> properties;
    private final Path log;
    private final int port;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private Process process;

    private ServiceProcess(String name, Path jar, Map<String, Object> properties, Path log, int port) {
        this.name = name;
        this.jar = jar;
        this.properties = properties;
        this.log = log;
        this.port = port;
    }

    /**
     * Starts the jar on a free port ({@code server.port}) with {@code properties}; it is not ready yet (see
     * {@link #isReady()}).
     *
     * @param jarProperty the system property the build sets to the exec jar's path, e.g. {@code relay.exec.jar}
     */
    public static ServiceProcess start(String name, String jarProperty, Map<String, ?> properties, Path logs) {
        return start(name, jar(jarProperty), properties, logs);
    }

    /** As {@link #start(String, String, Map, Path)}, from the exec jar at {@code jar} (the demo launcher's way). */
    public static ServiceProcess start(String name, Path jar, Map<String, ?> properties, Path logs) {
        int port = freePort();
        Map<String, Object> all = new LinkedHashMap<>(properties);
        all.put("server.port", port);
        ServiceProcess service = new ServiceProcess(name, jar, all, logs.resolve(name + ".log"), port);
        service.launch();
        return service;
    }

    /** Runs one of the jar's commands (e.g. {@code --replay-parked}) to its end; returns its exit code. */
    public static int runCommand(String name, String jarProperty, Map<String, ?> properties, Path logs,
                                 Duration timeout, String... arguments) throws InterruptedException {
        Process process = launch(name, jar(jarProperty), properties, logs.resolve(name + ".log"), List.of(arguments));
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(name + " " + List.of(arguments) + " did not finish; see "
                    + logs.resolve(name + ".log"));
        }
        return process.exitValue();
    }

    private static Path jar(String jarProperty) {
        String jar = System.getProperty(jarProperty);
        if (jar == null || !Files.isRegularFile(Path.of(jar))) {
            throw new IllegalStateException("No exec jar at " + jarProperty + "=" + jar + "; the build packages it "
                    + "before the integration tests run");
        }
        return Path.of(jar);
    }

    private void launch() {
        process = launch(name, jar, properties, log, List.of());
    }

    private static Process launch(String name, Path jar, Map<String, ?> properties, Path log, List<String> arguments) {
        List<String> command = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElse("java"),
                "-Xmx320m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-jar", jar.toString()));
        command.addAll(List.of(Infrastructure.commandLine(properties)));
        command.addAll(arguments);
        try {
            Files.createDirectories(log.getParent());
            return new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
    }

    /** Starts it again after {@link #kill()} or {@link #stop()}, on the same port with the same properties. */
    public void restart() {
        if (process.isAlive()) {
            throw new IllegalStateException(this + " is still running");
        }
        launch();
    }

    public int port() {
        return port;
    }

    public URI baseUrl() {
        return URI.create("http://localhost:" + port);
    }

    public Path log() {
        return log;
    }

    /** Its readiness probe answers 200: it has started and takes requests. */
    public boolean isReady() {
        try {
            HttpResponse<Void> response = http.send(HttpRequest.newBuilder(baseUrl().resolve("/actuator/health/readiness"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** SIGKILL: the process dies at once, wherever it is. */
    public void kill() {
        process.destroyForcibly();
        awaitExit();
    }

    /** SIGTERM: Spring shuts down gracefully. */
    public void stop() {
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
        if (process != null && process.isAlive()) {
            kill();
        }
    }

    @Override
    public String toString() {
        return name + " (pid " + process.pid() + ", port " + port + ", log " + log + ")";
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
