package com.example.checkout.infrastructure;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An in-process SMTP server (GreenMail) that accepts every mail without authentication and keeps it in memory.
 *
 * <p>GreenMail forgets its mailboxes when stopped, so the messages of earlier runs are kept here: a test can stop the
 * server, let a service retry, start it again and still count every mail the service sent.
 */
final class GreenMailSmtpServer implements SmtpServer, AutoCloseable {

    private static final String HOST = "localhost";
    private static final String BIND_ADDRESS = "127.0.0.1";

    private final int port;
    private final List<MimeMessage> receivedBeforeLastStart = new ArrayList<>();
    private GreenMail greenMail;

    private GreenMailSmtpServer(int port) {
        this.port = port;
    }

    static GreenMailSmtpServer start(int port) {
        GreenMailSmtpServer server = new GreenMailSmtpServer(port);
        server.start();
        return server;
    }

    @Override
    public String host() {
        return HOST;
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public synchronized List<MimeMessage> receivedMessages() {
        List<MimeMessage> messages = new ArrayList<>(receivedBeforeLastStart);
        if (greenMail != null) {
            messages.addAll(Arrays.asList(greenMail.getReceivedMessages()));
        }
        return List.copyOf(messages);
    }

    @Override
    public synchronized void start() {
        if (greenMail != null) {
            return;
        }
        ServerSetup setup = new ServerSetup(port, BIND_ADDRESS, ServerSetup.PROTOCOL_SMTP);
        // GreenMail's default of 2 s is too short on a loaded two-core machine.
        setup.setServerStartupTimeout(30_000);
        GreenMail starting = new GreenMail(setup);
        starting.start(); // returns once the server accepts connections
        greenMail = starting;
    }

    @Override
    public synchronized void stop() {
        if (greenMail == null) {
            return;
        }
        receivedBeforeLastStart.addAll(Arrays.asList(greenMail.getReceivedMessages()));
        greenMail.stop();
        greenMail = null;
    }

    @Override
    public synchronized boolean isRunning() {
        return greenMail != null;
    }

    @Override
    public void close() {
        stop();
    }
}
