package com.example.checkout.consumer;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A service's HTTP API as a test reads it: JSON in, status checked. Requests to the admin endpoints ({@code /dlt…})
 * carry the admin login, as the console's do: the services' default {@code checkout.admin.*} unless given.
 */
public record ServiceClient(String baseUrl, String username, String password) {

    /** The services' default {@code checkout.admin.username/password} (the local demo's). */
    public static final String ADMIN_USERNAME = "admin";
    public static final String ADMIN_PASSWORD = "checkout-admin";

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    public static ServiceClient onPort(int port) {
        return new ServiceClient("http://localhost:" + port, ADMIN_USERNAME, ADMIN_PASSWORD);
    }

    public ServiceClient withAdmin(String username, String password) {
        return new ServiceClient(baseUrl, username, password);
    }

    /** Every record parked on the service's DLT, all pages of {@code GET /dlt}. */
    public List<JsonNode> parked() {
        List<JsonNode> parked = new ArrayList<>();
        String cursor = "";
        while (true) {
            JsonNode page = get("/dlt?limit=500" + cursor);
            page.get("items").forEach(parked::add);
            if (page.get("nextCursor").isNull()) {
                return parked;
            }
            cursor = "&cursor=" + page.get("nextCursor").asLong();
        }
    }

    public JsonNode get(String path) {
        return send(request(path).GET().build(), 200);
    }

    public JsonNode post(String path) {
        return send(request(path).POST(HttpRequest.BodyPublishers.noBody()).build(), 200);
    }

    /** POSTs a JSON body and expects {@code expectedStatus}: a checkout is {@code 201}. */
    public JsonNode post(String path, String json, int expectedStatus) {
        return send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), expectedStatus);
    }

    public HttpResponse<String> raw(String path) {
        try {
            return HTTP.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path));
        if (path.startsWith("/dlt")) {
            String login = username + ":" + password;
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(login.getBytes(StandardCharsets.UTF_8)));
        }
        return request;
    }

    private JsonNode send(HttpRequest request, int expectedStatus) {
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != expectedStatus) {
                throw new AssertionError(request.method() + " " + request.uri() + " answered " + response.statusCode() + ": " + response.body());
            }
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
