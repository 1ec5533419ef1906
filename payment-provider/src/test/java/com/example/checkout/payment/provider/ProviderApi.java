package com.example.checkout.payment.provider;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The provider's HTTP API as its clients call it: JSON over a real connection, answers read raw. */
record ProviderApi(String baseUrl) {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    static ProviderApi onPort(int port) {
        return new ProviderApi("http://localhost:" + port);
    }

    /** An answer: status, the headers that matter here, the body as JSON. */
    record Answer(int status, String replayed, String retryAfter, JsonNode body) {

        /** {@code error.type} of a Stripe-shaped error. */
        String errorType() {
            return body.path("error").path("type").asString();
        }

        String errorParam() {
            return body.path("error").path("param").asString(null);
        }
    }

    Answer charge(String key, String json) {
        return join(chargeAsync(key, json));
    }

    CompletableFuture<Answer> chargeAsync(String key, String json) {
        return postAsync("/v1/charges", key, json);
    }

    Answer charge(String key, long amount, String source) {
        return charge(key, chargeBody(amount, source));
    }

    static String chargeBody(long amount, String source) {
        return """
                {"amount": %d, "currency": "EUR", "source": "%s", "description": "books",
                 "metadata": {"customer_id": "c-1"}}""".formatted(amount, source);
    }

    Answer refund(String key, String chargeId) {
        return join(postAsync("/v1/refunds", key, "{\"charge\": \"" + chargeId + "\"}"));
    }

    Answer get(String path) {
        return join(send(HttpRequest.newBuilder(URI.create(baseUrl + path)).GET()));
    }

    private CompletableFuture<Answer> postAsync(String path, String key, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
        if (key != null) {
            request.header("Idempotency-Key", key);
        }
        return send(request);
    }

    private static CompletableFuture<Answer> send(HttpRequest.Builder request) {
        return HTTP.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString()).thenApply(response -> new Answer(
                response.statusCode(), response.headers().firstValue("Idempotent-Replayed").orElse(null),
                response.headers().firstValue("Retry-After").orElse(null),
                response.body().isEmpty() ? JSON.missingNode() : JSON.readTree(response.body())));
    }

    private static Answer join(CompletableFuture<Answer> answer) {
        try {
            return answer.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }
}
