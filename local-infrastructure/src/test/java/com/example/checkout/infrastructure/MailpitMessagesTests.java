package com.example.checkout.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Against a stand-in for Mailpit's HTTP API (the JSON shape of Mailpit's MessagesSummary), no container needed. */
class MailpitMessagesTests {

    private final List<Mail> received = new ArrayList<>(); // oldest first, as Mailpit received them
    private final AtomicInteger rawDownloads = new AtomicInteger();
    private final HttpServer mailpit = startMailpitApi();

    @AfterEach
    void stopMailpitApi() {
        mailpit.stop(0);
    }

    @Test
    void messagesComeOldestFirstOncePerRecipient() {
        // given
        received.add(new Mail("first", List.of("shopper@example.com"), List.of(), List.of("audit@example.com")));
        received.add(new Mail("second", List.of("a@example.com", "b@example.com"), List.of(), null));

        // when
        List<String> subjects = subjects(reader().readAll());

        // then
        assertThat(subjects).containsExactly("first", "first", "second", "second");
    }

    @Test
    void everyPageIsReadAndEachMessageDownloadedOnce() {
        // given more messages than a page holds
        IntStream.range(0, 7).forEach(i -> received.add(new Mail("mail " + i, List.of("shopper@example.com"), null, null)));
        MailpitMessages reader = new MailpitMessages(baseUri(), 3);

        // when read twice
        reader.readAll();
        List<String> subjects = subjects(reader.readAll());

        // then
        assertThat(subjects).containsExactly("mail 0", "mail 1", "mail 2", "mail 3", "mail 4", "mail 5", "mail 6");
        assertThat(rawDownloads).hasValue(7);
    }

    private MailpitMessages reader() {
        return new MailpitMessages(baseUri());
    }

    private URI baseUri() {
        return URI.create("http://127.0.0.1:" + mailpit.getAddress().getPort());
    }

    private HttpServer startMailpitApi() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/api/v1/messages", this::list);
            server.createContext("/api/v1/message/", this::raw);
            server.start();
            return server;
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private void list(HttpExchange exchange) throws IOException {
        Map<String, String> query = Arrays.stream(exchange.getRequestURI().getQuery().split("&"))
                .map(parameter -> parameter.split("=", 2))
                .collect(Collectors.toMap(pair -> pair[0], pair -> pair[1]));
        int start = Integer.parseInt(query.get("start"));
        int limit = Integer.parseInt(query.get("limit"));
        List<String> newestFirst = new ArrayList<>();
        for (int i = received.size() - 1; i >= 0; i--) {
            newestFirst.add(received.get(i).summaryJson(i));
        }
        List<String> page = newestFirst.subList(Math.min(start, newestFirst.size()), Math.min(start + limit, newestFirst.size()));
        respond(exchange, "{\"total\":" + received.size() + ",\"unread\":0,\"count\":" + page.size() + ",\"start\":" + start
                + ",\"tags\":[],\"messages\":[" + String.join(",", page) + "]}");
    }

    private void raw(HttpExchange exchange) throws IOException {
        String[] path = exchange.getRequestURI().getPath().split("/"); // /api/v1/message/{ID}/raw
        Mail mail = received.get(Integer.parseInt(path[4].substring("id-".length())));
        rawDownloads.incrementAndGet();
        respond(exchange, "From: shop@example.com\r\nTo: " + String.join(", ", mail.to()) + "\r\nSubject: " + mail.subject()
                + "\r\nContent-Type: text/plain\r\n\r\nThank you.\r\n");
    }

    private static void respond(HttpExchange exchange, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream output = exchange.getResponseBody()) {
            output.write(bytes);
        }
    }

    private static List<String> subjects(List<MimeMessage> messages) {
        return messages.stream().map(message -> {
            try {
                return message.getSubject();
            } catch (MessagingException e) {
                throw new AssertionError(e);
            }
        }).toList();
    }

    /** Go's encoding/json writes empty address lists of Mailpit's summaries as null. */
    private record Mail(String subject, List<String> to, List<String> cc, List<String> bcc) {

        String summaryJson(int id) {
            return "{\"ID\":\"id-" + id + "\",\"MessageID\":\"m" + id + "@example.com\",\"Read\":false,"
                    + "\"From\":{\"Name\":\"\",\"Address\":\"shop@example.com\"},"
                    + "\"To\":" + addresses(to) + ",\"Cc\":" + addresses(cc) + ",\"Bcc\":" + addresses(bcc)
                    + ",\"ReplyTo\":null,\"Subject\":\"" + subject + "\",\"Created\":\"2026-11-23T04:00:00Z\",\"Tags\":[],"
                    + "\"Size\":100,\"Attachments\":0,\"Snippet\":\"Thank you.\"}";
        }

        private static String addresses(List<String> addresses) {
            return addresses == null ? "null" : addresses.stream()
                    .map(address -> "{\"Name\":\"\",\"Address\":\"" + address + "\"}")
                    .collect(Collectors.joining(",", "[", "]"));
        }
    }
}
