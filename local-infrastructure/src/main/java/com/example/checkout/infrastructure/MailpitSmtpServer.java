package com.example.checkout.infrastructure;

import com.github.dockerjava.api.model.PortBinding;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.containers.wait.strategy.WaitStrategy;

/**
 * Mailpit in a container, as in docker-compose.yml; received messages are read through its HTTP API
 * ({@link MailpitMessages}).
 *
 * <p>Mailpit keeps its messages in a database inside the container, which survives {@link #stop()}/{@link #start()};
 * while it is stopped, the messages read before the stop are returned.
 */
final class MailpitSmtpServer implements SmtpServer, AutoCloseable {

    static final String IMAGE = "axllent/mailpit:v1.29";
    private static final int SMTP_PORT = 1025;
    private static final int HTTP_PORT = 8025;

    private final GenericContainer<?> container;
    private final RestartableContainer restartable;
    private final MailpitMessages messages;
    private List<MimeMessage> receivedBeforeStop = List.of();

    private MailpitSmtpServer(GenericContainer<?> container) {
        this.container = container;
        this.restartable = new RestartableContainer(container, () -> ready().waitUntilReady(container));
        this.messages = new MailpitMessages(URI.create("http://" + container.getHost() + ":" + container.getMappedPort(HTTP_PORT)));
    }

    static MailpitSmtpServer startContainer() {
        GenericContainer<?> container = new GenericContainer<>(IMAGE)
                .withExposedPorts(SMTP_PORT, HTTP_PORT)
                // A file in the container (not Mailpit's default temporary one) outlives docker stop/start.
                .withEnv("MP_DATABASE", "/tmp/mailpit.db")
                .withEnv("MP_MAX_MESSAGES", "0")
                .withEnv("MP_SMTP_AUTH_ACCEPT_ANY", "1")
                .withEnv("MP_SMTP_AUTH_ALLOW_INSECURE", "1")
                .waitingFor(ready());
        RestartableContainer.bindFixedPorts(container,
                PortBinding.parse(InfrastructurePorts.freePort() + ":" + SMTP_PORT),
                PortBinding.parse(InfrastructurePorts.freePort() + ":" + HTTP_PORT));
        container.start();
        return new MailpitSmtpServer(container);
    }

    /** A new strategy each time: wait strategies remember the container they waited for. */
    private static WaitStrategy ready() {
        return Wait.forHttp("/readyz").forPort(HTTP_PORT).withStartupTimeout(Duration.ofSeconds(60));
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
        return restartable.isRunning() ? messages.readAll() : receivedBeforeStop;
    }

    @Override
    public synchronized void stop() {
        if (restartable.isRunning()) {
            receivedBeforeStop = messages.readAll();
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

    /** Mailpit reads its allowed recipients once, at start, and accepts every recipient here. */
    @Override
    public boolean canRejectRecipients() {
        return false;
    }

    @Override
    public void rejectRecipient(String address) {
        throw new UnsupportedOperationException("rejecting a recipient needs the embedded SMTP server");
    }
}
