package com.example.checkout.email.sending;

import java.time.Duration;
import java.util.Date;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.example.checkout.consumer.NonRetryableEventException;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.util.StreamProvider;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.stereotype.Component;

/**
 * One open SMTP connection per sending thread (each listener thread sends one mail at a time), reused from mail to
 * mail. A new connection per mail cost about 40 ms on a loopback server: the client waits for the multi-line EHLO
 * answer, which the server writes in small pieces that Nagle holds back until the client's delayed ACK (found with
 * JFR's jdk.SocketRead events, see reliable-consumer's README). A connection idle for {@link #CHECK_AFTER_IDLE}
 * or longer is checked with NOOP before its next mail (the server may have closed it); one in steady use is not,
 * which saves a round trip per mail under load — a connection that died meanwhile fails its mail as any send failure
 * does. Any failure closes it, and the next mail opens a fresh one. A mail is never resent here: a failure is the
 * caller's to retry, with the same Message-ID.
 */
@Component
class SmtpConnections implements DisposableBean {

    /** Well under the 5 minutes RFC 5321 asks servers to wait before they drop an idle client. */
    static final Duration CHECK_AFTER_IDLE = Duration.ofSeconds(1);

    static {
        // Jakarta Mail (2.1) looks its StreamProvider up, uncached, for every message it writes or parses (MimeMessage,
        // headers, encoders): without this property a ServiceLoader scan of the classpath each time, 31% of the
        // email listener threads' samples and 19% of the in-process SMTP server's in a JFR profile of the consumer
        // benchmark. Named here, it is one Class.forName; the property is the JVM's, so it serves both.
        if (System.getProperty(StreamProvider.class.getName()) == null) {
            System.setProperty(StreamProvider.class.getName(), "org.eclipse.angus.mail.util.MailStreamProvider");
        }
    }

    private final JavaMailSenderImpl mail;
    private final ThreadLocal<@Nullable Transport> current = new ThreadLocal<>();
    private final ThreadLocal<long[]> lastUsed = ThreadLocal.withInitial(() -> new long[1]);
    private final Set<Transport> open = ConcurrentHashMap.newKeySet();

    SmtpConnections(JavaMailSenderImpl mail) {
        this.mail = mail;
    }

    Session session() {
        return mail.getSession();
    }

    /**
     * @throws NonRetryableEventException when the server rejected a recipient permanently (5xx): resending cannot help
     * @throws MailSendException when the server could not be reached or failed otherwise (worth retrying)
     */
    void send(MimeMessage message) {
        Transport transport = connected();
        try {
            if (message.getSentDate() == null) {
                message.setSentDate(new Date());
            }
            message.saveChanges(); // writes the Message-ID
            transport.sendMessage(message, message.getAllRecipients());
            lastUsed.get()[0] = System.nanoTime();
        } catch (MessagingException failed) {
            discard(transport);
            if (permanentlyRejected(failed)) {
                throw new NonRetryableEventException("recipient rejected: " + failed.getMessage(), failed);
            }
            throw new MailSendException("Mail server failed during the send", failed);
        }
    }

    /** Opens and greets a connection, then closes it: whether the server answers at all. */
    void probe() {
        try {
            Transport transport = mail.getSession().getTransport(mail.getProtocol());
            transport.connect(mail.getHost(), mail.getPort(), mail.getUsername(), mail.getPassword());
            transport.close();
        } catch (MessagingException unreachable) {
            throw new MailSendException("Mail server connection failed", unreachable);
        }
    }

    private Transport connected() {
        Transport transport = current.get();
        if (transport != null && (System.nanoTime() - lastUsed.get()[0] < CHECK_AFTER_IDLE.toNanos()
                || transport.isConnected())) { // isConnected sends NOOP: the server may have closed an idle connection
            return transport;
        }
        if (transport != null) {
            discard(transport);
        }
        try {
            transport = mail.getSession().getTransport(mail.getProtocol());
            transport.connect(mail.getHost(), mail.getPort(), mail.getUsername(), mail.getPassword());
        } catch (MessagingException unreachable) {
            throw new MailSendException("Mail server connection failed", unreachable);
        }
        current.set(transport);
        open.add(transport);
        return transport;
    }

    private void discard(Transport transport) {
        current.remove();
        open.remove(transport);
        try {
            transport.close();
        } catch (MessagingException alreadyBroken) {
            // nothing to keep: the connection is dropped either way
        }
    }

    /** The SMTP client lists a recipient the server refused with a 5xx as invalid (a 4xx leaves it valid-unsent). */
    private static boolean permanentlyRejected(MessagingException failed) {
        return failed instanceof SendFailedException rejected && rejected.getInvalidAddresses() != null
                && rejected.getInvalidAddresses().length > 0;
    }

    @Override
    public void destroy() {
        for (Transport transport : open) {
            try {
                transport.close();
            } catch (MessagingException alreadyBroken) {
                // closing anyway
            }
        }
        open.clear();
    }
}
