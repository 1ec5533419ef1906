package com.example.checkout.infrastructure;

import jakarta.mail.internet.MimeMessage;
import java.util.List;

/** An SMTP server that keeps what it receives, so tests can count the mails a service sent. */
public interface SmtpServer {

    String host();

    int port();

    /**
     * Every message received since the infrastructure started, across {@link #stop()}/{@link #start()}, oldest first.
     * A message to several recipients appears once per recipient, as each mailbox receives it.
     */
    List<MimeMessage> receivedMessages();

    /** Stops accepting connections, to simulate a mail server outage; received messages are kept. */
    void stop();

    /** Starts again on the same host and port. */
    void start();

    boolean isRunning();

    /**
     * Whether {@link #rejectRecipient(String)} works on this server. A test of a permanent rejection asks first
     * and is skipped, saying why, where it does not: a test that cannot produce the 5xx it is about would only fail
     * on the infrastructure, not on the service.
     */
    boolean canRejectRecipients();

    /**
     * From now on answers {@code RCPT TO} of this address with 550 (no such mailbox): a recipient rejected
     * permanently, as a provider rejects a mistyped address. Only where {@link #canRejectRecipients()}.
     *
     * @throws UnsupportedOperationException where it cannot
     */
    void rejectRecipient(String address);
}
