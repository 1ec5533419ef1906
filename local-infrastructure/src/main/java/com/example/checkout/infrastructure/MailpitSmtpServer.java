package com.example.checkout.infrastructure;

import com.github.dockerjava.api.model.PortBinding;
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
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.containers.wait.strategy.WaitStrategy;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Mailpit in a container, as in docker-compose.yml; received messages are read through its HTTP API.
 *
 * <p>Mailpit keeps its messages in a database inside the container, which survives {@link #stop()}/{@link #start()};
 * while it is stopped, the messages read before the stop are returned.
 */
final class MailpitSmtpServer implements SmtpServer, AutoCloseable {

    static final String IMAGE = "axllent/mailpit:v1.29";
    private static final int SMTP_PORT = 1025;
    private static final int HTTP_PORT = 8025;
    private static final int PAGE_SIZE = 500;
    private static final WaitStrategy READY = Wait.forHttp("/readyz").forPort(HTTP_PORT).withStartupTimeout(Duration.ofSeconds(60));

    private final GenericContainer<?> container;
    private final RestartableContainer restartable;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final JsonMapper json = JsonMapper.builder().build();
    private final Map<String, MimeMessage> messagesById = new HashMap<>();
    private List<MimeMessage> receivedBeforeStop = List.of();

    private MailpitSmtpServer(GenericContainer<?> container) {
        this.container = container;
        this.restartable = new RestartableContainer(container, () -> READY.waitUntilReady(container));
    }

    static MailpitSmtpServer startContainer() {
        GenericContainer<?> container = new GenericContainer<>(IMAGE)
                .withExposedPorts(SMTP_PORT, HTTP_PORT)
                // A file in the container (not Mailpit's default temporary one) outlives docker stop/start.
                .withEnv("MP_DATABASE", "/tmp/mailpit.db")
                .withEnv("MP_MAX_MESSAGES", "0")
                .withEnv("MP_SMTP_AUTH_ACCEPT_ANY", "1")
                .withEnv("MP_SMTP_AUTH_ALLOW_INSECURE", "1")
                .waitingFor(READY);
        RestartableContainer.bindFixedPorts(container,
                PortBinding.parse(InfrastructurePorts.freePort() + ":" + SMTP_PORT),
                PortBinding.parse(InfrastructurePorts.freePort() + ":" + HTTP_PORT));
        container.start();
        return new MailpitSmtpServer(container);
    }

    @Override
    public String host() {
        return container.getHost();
    }

    @Override
    public int port() {
        return container.getMappedPort(SMTP_PORT);
    }

    @Override
    public synchronized List<MimeMessage> receivedMessages() {
        return restartable.isRunning() ? readAll() : receivedBeforeStop;
    }

    @Override
    public synchronized void stop() {
        if (restartable.isRunning()) {
            receivedBeforeStop = readAll();
            restartable.stop();
        }
    }

    @Override
    public synchronized void start() {
        restartable.start();
    }

    @Override
    public boolean isRunning() {
        return restartable.isRunning();
    }

    @Override
    public void close() {
        restartable.close();
    }

    /** Every message, oldest first, once per recipient as GreenMail's mailboxes return them. */
    private List<MimeMessage> readAll() {
        List<JsonNode> summaries = new ArrayList<>();
        for (int start = 0; ; start += PAGE_SIZE) {
            JsonNode page = json.readTree(get("/api/v1/messages?start=" + start + "&limit=" + PAGE_SIZE));
            page.get("messages").forEach(summaries::add);
            if (start + PAGE_SIZE >= page.get("total").asInt()) {
                break;
            }
        }
        List<MimeMessage> messages = new ArrayList<>();
        for (JsonNode summary : summaries.reversed()) { // Mailpit lists the newest first
            MimeMessage message = messagesById.computeIfAbsent(summary.get("ID").asString(), this::readRaw);
            int recipients = summary.path("To").size() + summary.path("Cc").size() + summary.path("Bcc").size();
            for (int i = 0; i < Math.max(1, recipients); i++) {
                messages.add(message);
            }
        }
        return List.copyOf(messages);
    }

    private MimeMessage readRaw(String id) {
        try (InputStream raw = getStream("/api/v1/message/" + id + "/raw")) {
            return new MimeMessage(Session.getInstance(new Properties()), raw);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (MessagingException e) {
            throw new IllegalStateException("Mailpit returned an unreadable message " + id, e);
        }
    }

    private String get(String path) {
        try (InputStream body = getStream(path)) {
            return new String(body.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private InputStream getStream(String path) throws IOException {
        URI uri = URI.create("http://" + container.getHost() + ":" + container.getMappedPort(HTTP_PORT) + path);
        try {
            HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofInputStream());
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
