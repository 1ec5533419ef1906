package com.example.checkout.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import com.example.checkout.infrastructure.Infrastructure;
import com.example.checkout.infrastructure.ServiceProcess;
import com.example.checkout.services.SystemService;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static org.awaitility.Awaitility.await;

/**
 * order-service and the payment-provider simulator each in a JVM of its own, started from the exec jars that ship
 * ({@code order-service.exec.jar}, {@code payment-provider.exec.jar}, set by the build) against the shared
 * infrastructure: what the crash tests SIGKILL and restart. Logs in {@code target/service-processes/}.
 */
final class OrderServiceProcess implements AutoCloseable {

    private static final Path LOGS = Path.of("target", "service-processes");
    private static final Duration START = Duration.ofSeconds(120);

    private final Infrastructure infrastructure;
    private final Map<String, Object> properties;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private ServiceProcess process;

    private OrderServiceProcess(Infrastructure infrastructure, Map<String, Object> properties) {
        this.infrastructure = infrastructure;
        this.properties = properties;
    }

    /** The provider simulator in its own JVM, ready. */
    static ServiceProcess startProvider(Infrastructure infrastructure, Map<String, ?> overrides) {
        Map<String, Object> properties = new LinkedHashMap<>(
                infrastructure.springProperties(SystemService.PAYMENT_PROVIDER));
        properties.putAll(overrides);
        ServiceProcess provider = ServiceProcess.start(SystemService.PAYMENT_PROVIDER.serviceName(),
                "payment-provider.exec.jar", properties, LOGS);
        awaitReady(provider);
        return provider;
    }

    /** order-service in its own JVM charging {@code provider}, with {@code overrides}; ready. */
    static OrderServiceProcess start(Infrastructure infrastructure, ServiceProcess provider, Map<String, ?> overrides) {
        Map<String, Object> properties = new LinkedHashMap<>(infrastructure.springProperties(SystemService.ORDER));
        properties.put("checkout.payment.base-url", provider.baseUrl());
        properties.putAll(overrides);
        OrderServiceProcess orders = new OrderServiceProcess(infrastructure, properties);
        orders.restart(Map.of());
        return orders;
    }

    /** (Re)starts it, with {@code overrides} on top of the properties it was started with; ready. */
    void restart(Map<String, ?> overrides) {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException(process + " is still running");
        }
        Map<String, Object> all = new LinkedHashMap<>(properties);
        all.putAll(overrides);
        process = ServiceProcess.start(SystemService.ORDER.serviceName(), "order-service.exec.jar", all, LOGS);
        awaitReady(process);
    }

    private static void awaitReady(ServiceProcess process) {
        await().atMost(START).pollInterval(Duration.ofMillis(250)).until(() -> {
            if (!process.isAlive()) {
                throw new IllegalStateException(process + " died while starting");
            }
            return process.isReady();
        });
    }

    /** SIGKILL. */
    void kill() {
        process.kill();
    }

    HttpResponse<String> checkout(String body, String idempotencyKey) {
        return checkoutAsync(body, idempotencyKey).join();
    }

    /** A checkout sent now; the answer comes later (or never: if the process is killed). */
    CompletableFuture<HttpResponse<String>> checkoutAsync(String body, String idempotencyKey) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + process.port() + "/checkout"))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Its Prometheus scrape. */
    String metrics() {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + process.port() + "/actuator/prometheus"))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The value of a counter in {@link #metrics()}, 0 if absent. */
    double counter(String name) {
        return metrics().lines().filter(line -> line.startsWith(name + " ") || line.startsWith(name + "{"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }

    /** The orders database, as the service's own role. */
    JdbcClient database() {
        return JdbcClient.create(new DriverManagerDataSource(
                infrastructure.postgres().jdbcUrl("orders"),
                infrastructure.postgres().username(SystemService.ORDER),
                infrastructure.postgres().password(SystemService.ORDER)));
    }

    @Override
    public void close() {
        if (process != null) {
            process.close();
        }
    }

    @Override
    public String toString() {
        return String.valueOf(process);
    }
}
