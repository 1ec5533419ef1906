package com.example.checkout.infrastructure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The payment provider's books, read over its HTTP API as an auditor would: the ledger totals
 * ({@code GET /v1/balance}) and the charges made with one idempotency key ({@code GET /v1/charges?idempotency_key=}).
 * What the tests and the demo count captures and refunds on: the money, not what order-service believes.
 */
public final class PaymentLedger {

    private final URI baseUrl;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    public PaymentLedger(URI baseUrl) {
        this.baseUrl = baseUrl;
    }

    public static PaymentLedger onPort(int port) {
        return new PaymentLedger(URI.create("http://localhost:" + port));
    }

    public URI baseUrl() {
        return baseUrl;
    }

    /** The ledger totals now. */
    public Balance balance() {
        JsonNode balance = get("/v1/balance");
        return new Balance(balance.get("captures").asLong(), balance.get("captured_amount").asLong(),
                balance.get("refunds").asLong(), balance.get("refunded_amount").asLong());
    }

    /** The charges (captured, declined or refunded) made with {@code idempotencyKey}: one at most. */
    public List<JsonNode> chargesWithKey(String idempotencyKey) {
        return get("/v1/charges?idempotency_key=" + URLEncoder.encode(idempotencyKey, StandardCharsets.UTF_8))
                .get("data").valueStream().toList();
    }

    /** The captures made since {@code since} for one customer (by the metadata order-service charges with). */
    public List<JsonNode> capturesOf(String customerId, Instant since) {
        return captures(since).stream()
                .filter(charge -> customerId.equals(charge.path("metadata").path("customer_id").asString("")))
                .toList();
    }

    /** Every capture (refunded ones included) made since {@code since}, in creation order, all pages. */
    public List<JsonNode> captures(Instant since) {
        List<JsonNode> captures = new ArrayList<>();
        String after = null;
        boolean more = true;
        while (more) {
            JsonNode page = get("/v1/charges?limit=100&created_gte=" + since + "&created_lte="
                    + Instant.now().plusSeconds(3600) + (after == null ? "" : "&starting_after=" + after));
            for (JsonNode charge : page.get("data")) {
                captures.add(charge);
                after = charge.get("id").asString();
            }
            more = page.path("has_more").asBoolean(false) && !page.get("data").isEmpty();
        }
        return captures;
    }

    /**
     * Captures {@code amount} cents with {@code tok_ok} under {@code idempotencyKey}, as another client of the same
     * provider account would; returns the charge.
     */
    public JsonNode capture(String idempotencyKey, long amount) {
        String body = "{\"amount\":" + amount + ",\"currency\":\"EUR\",\"source\":\"tok_ok\"}";
        return send(HttpRequest.newBuilder(baseUrl.resolve("/v1/charges")).header("Content-Type", "application/json")
                .header("Idempotency-Key", idempotencyKey).POST(HttpRequest.BodyPublishers.ofString(body)), 201);
    }

    private JsonNode get(String path) {
        return send(HttpRequest.newBuilder(baseUrl.resolve(path)).GET(), 200);
    }

    private JsonNode send(HttpRequest.Builder request, int expectedStatus) {
        HttpRequest built = request.timeout(Duration.ofSeconds(10)).build();
        try {
            HttpResponse<String> response = http.send(built, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != expectedStatus) {
                throw new IllegalStateException(built.method() + " " + built.uri().getRawPath() + " answered "
                        + response.statusCode() + ": " + response.body());
            }
            return JsonMapper.shared().readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("payment provider at " + baseUrl + " not reachable", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** {@code GET /v1/balance}: counts and amounts (minor units) captured and refunded. */
    public record Balance(long captures, long capturedAmount, long refunds, long refundedAmount) {

        /** What happened since {@code before}. */
        public Balance minus(Balance before) {
            return new Balance(captures - before.captures, capturedAmount - before.capturedAmount,
                    refunds - before.refunds, refundedAmount - before.refundedAmount);
        }
    }
}
