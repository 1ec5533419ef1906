package com.example.checkout.demo;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import com.example.checkout.services.SystemService;

/** The services' public HTTP APIs, called the way a shopper or an operator would call them. */
final class ShopperClient {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final DemoPorts ports;
    private final AdminLogin admin;

    ShopperClient(DemoPorts ports, AdminLogin admin) {
        this.ports = ports;
        this.admin = admin;
    }

    record Line(String sku, int quantity) {
    }

    /** The checkout's HTTP status and, when it was placed, the order id and total. */
    record CheckoutResult(int status, String orderId, long totalCents) {
        boolean placed() {
            return status == 201;
        }
    }

    CheckoutResult checkout(String customerId, String email, List<Line> lines) {
        Map<String, Object> body = Map.of(
                "customerId", customerId,
                "email", email,
                "items", lines.stream().map(line -> Map.of("sku", line.sku(), "quantity", line.quantity())).toList(),
                "paymentToken", "tok_ok");
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri(SystemService.ORDER, "/checkout"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
        if (response.statusCode() != 201) {
            return new CheckoutResult(response.statusCode(), null, 0);
        }
        JsonNode placed = JSON.readTree(response.body());
        return new CheckoutResult(201, placed.path("orderId").asString(), placed.path("totalCents").asLong());
    }

    /**
     * A checkout as a well-behaved client makes it under load: with an Idempotency-Key, and again with the same key
     * while the service answers 503 (admission control) or 409 (the same key in flight), as its Retry-After asks.
     */
    CheckoutResult checkoutRetryingWhenBusy(String customerId, String email, List<Line> lines) {
        String idempotencyKey = "demo-" + UUID.randomUUID();
        Map<String, Object> body = Map.of(
                "customerId", customerId,
                "email", email,
                "items", lines.stream().map(line -> Map.of("sku", line.sku(), "quantity", line.quantity())).toList(),
                "paymentToken", "tok_ok");
        for (int attempt = 1; ; attempt++) {
            HttpResponse<String> response = send(HttpRequest.newBuilder(uri(SystemService.ORDER, "/checkout"))
                    .header("Content-Type", "application/json")
                    .header("Idempotency-Key", idempotencyKey)
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
            int status = response.statusCode();
            if (status == 201) {
                JsonNode placed = JSON.readTree(response.body());
                return new CheckoutResult(201, placed.path("orderId").asString(), placed.path("totalCents").asLong());
            }
            if ((status != 503 && status != 409) || attempt == 20) {
                return new CheckoutResult(status, null, 0);
            }
            LockSupport.parkNanos(Duration.ofMillis(100L * attempt).toNanos());
        }
    }

    /** The order as {@code GET /orders/{id}} shows it: status, total, timeline. */
    JsonNode order(String orderId) {
        return get(SystemService.ORDER, "/orders/" + orderId);
    }

    long stock(String sku) {
        return get(SystemService.INVENTORY, "/stock/" + sku).path("available").asLong();
    }

    JsonNode analyticsSummary() {
        return get(SystemService.ANALYTICS, "/analytics/summary");
    }

    /** Records parked on the consumer's DLT, all pages of {@code GET /dlt}. */
    int deadLetterCount(SystemService consumer) {
        int parked = 0;
        String cursor = "";
        while (true) {
            JsonNode page = get(consumer, "/dlt?limit=500" + cursor, true);
            parked += page.get("items").size();
            if (page.get("nextCursor").isNull()) {
                return parked;
            }
            cursor = "&cursor=" + page.get("nextCursor").asLong();
        }
    }

    /** Replays every parked record: {@code POST /dlt/replay} replays a batch per call and says how many remain. */
    void replayDeadLetters(SystemService consumer) {
        long remaining;
        do {
            HttpResponse<String> response = send(asAdmin(HttpRequest.newBuilder(uri(consumer, "/dlt/replay"))
                    .POST(HttpRequest.BodyPublishers.noBody())));
            if (response.statusCode() >= 300) {
                throw new IllegalStateException("POST /dlt/replay on " + consumer.serviceName() + " answered " + response.statusCode());
            }
            JsonNode result = JSON.readTree(response.body());
            remaining = result.path("remaining").asLong();
            if (result.path("replayed").asInt() == 0) {
                return; // what remains fails again: replaying more now would not help
            }
        } while (remaining > 0);
    }

    private HttpRequest.Builder asAdmin(HttpRequest.Builder request) {
        String login = admin.username() + ":" + admin.password();
        return request.header("Authorization",
                "Basic " + Base64.getEncoder().encodeToString(login.getBytes(StandardCharsets.UTF_8)));
    }

    private JsonNode get(SystemService service, String path) {
        return get(service, path, false);
    }

    private JsonNode get(SystemService service, String path, boolean asAdmin) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(service, path)).GET();
        HttpResponse<String> response = send(asAdmin ? asAdmin(request) : request);
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + path + " on " + service.serviceName() + " answered " + response.statusCode());
        }
        return JSON.readTree(response.body());
    }

    private URI uri(SystemService service, String path) {
        return URI.create(ports.url(service) + path);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException failed) {
            throw new IllegalStateException("Request failed: " + failed.getMessage(), failed);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", interrupted);
        }
    }
}
