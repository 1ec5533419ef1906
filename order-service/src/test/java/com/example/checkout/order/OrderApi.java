package com.example.checkout.order;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Raw HTTP against the running service: tests send exactly the bytes, headers and methods a real client could,
 * including the broken ones a typed client would refuse to produce.
 */
public final class OrderApi {

    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    /**
     * The Authorization header of the admin endpoints ({@code /dlt/**}): the services' default
     * {@code checkout.admin.*} login.
     */
    public static final Map<String, String> ADMIN = Map.of("Authorization", "Basic " + Base64.getEncoder()
            .encodeToString("admin:checkout-admin".getBytes(StandardCharsets.UTF_8)));

    private final URI base;

    OrderApi(int port) {
        this.base = URI.create("http://localhost:" + port);
    }

    public HttpResponse<String> checkout(String json) {
        return send("POST", "/checkout", BodyPublishers.ofString(json), Map.of("Content-Type", "application/json"));
    }

    public HttpResponse<String> checkout(String json, String idempotencyKey) {
        return send("POST", "/checkout", BodyPublishers.ofString(json),
                Map.of("Content-Type", "application/json", "Idempotency-Key", idempotencyKey));
    }

    public HttpResponse<String> get(String path) {
        return send("GET", path, BodyPublishers.noBody(), Map.of());
    }

    /** GET with the admin login. */
    public HttpResponse<String> getAsAdmin(String path) {
        return send("GET", path, BodyPublishers.noBody(), ADMIN);
    }

    public HttpResponse<String> send(String method, String path, BodyPublisher body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).method(method, body);
        Map<String, String> all = new LinkedHashMap<>(Map.of("Accept", "application/json, application/problem+json"));
        all.putAll(headers);
        all.forEach(request::header);
        try {
            return CLIENT.send(request.build(), BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
