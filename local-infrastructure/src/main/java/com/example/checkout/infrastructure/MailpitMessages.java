package com.example.checkout.infrastructure;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the messages Mailpit received through its HTTP API: {@code GET /api/v1/messages} for the list (newest first,
 * paged) and {@code GET /api/v1/message/{ID}/raw} for each message, which is parsed once and remembered.
 */
final class MailpitMessages {

    private static final int PAGE_SIZE = 500;

    private final URI baseUri;
    private final int pageSize;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final JsonMapper json = JsonMapper.builder().build();
    private final Map<String, MimeMessage> messagesById = new HashMap<>();

    /** @param baseUri Mailpit's web address, e.g. {@code http://localhost:8025} */
    MailpitMessages(URI baseUri) {
        this(baseUri, PAGE_SIZE);
    }

    MailpitMessages(URI baseUri, int pageSize) {
        this.baseUri = baseUri;
        this.pageSize = pageSize;
    }

    /** Every message, oldest first, once per recipient (To, Cc and Bcc), as GreenMail's mailboxes return them. */
    synchronized List<MimeMessage> readAll() {
        List<JsonNode> summaries = new ArrayList<>();
        for (int start = 0; ; start += pageSize) {
            JsonNode page = json.readTree(get("/api/v1/messages?start=" + start + "&limit=" + pageSize));
            page.path("messages").forEach(summaries::add);
            if (start + pageSize >= page.path("total").asInt()) {
                break;
            }
        }
        List<MimeMessage> messages = new ArrayList<>();
        for (JsonNode summary : summaries.reversed()) {
            MimeMessage message = messagesById.computeIfAbsent(summary.path("ID").asString(), this::readRaw);
            int recipients = summary.path("To").size() + summary.path("Cc").size() + summary.path("Bcc").size();
            for (int copy = 0; copy < Math.max(1, recipients); copy++) {
                messages.add(message);
            }
        }
        return List.copyOf(messages);
    }

    private MimeMessage readRaw(String id) {
        try (InputStream raw = open("/api/v1/message/" + id + "/raw")) {
            return new MimeMessage(Session.getInstance(new Properties()), raw);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (MessagingException e) {
            throw new IllegalStateException("Mailpit returned an unreadable message " + id, e);
        }
    }

    private String get(String path) {
        try (InputStream body = open(path)) {
            return new String(body.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private InputStream open(String path) throws IOException {
        URI uri = baseUri.resolve(path);
        try {
            HttpResponse<InputStream> response = http.send(
                    HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofInputStream());
            if (response.statusCode() != 200) {
                response.body().close();
                throw new IOException("Mailpit answered " + response.statusCode() + " to GET " + uri);
            }
            return response.body();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while calling Mailpit", e);
        }
    }
}
