package com.example.checkout.email.sending;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Logs an email first, then sends it, inside the event's transaction (MANDATORY): if SMTP fails the log row rolls
 * back and the event is retried; if it is sent, the commit records it. SMTP cannot join a database transaction, so
 * one window remains: the server accepted the mail and the process died before the commit. The event is then
 * redelivered and the mail sent again — with the same Message-ID, which lets mail systems drop the duplicate.
 */
@Component
public class EmailSender {

    static final String SEND_OBSERVATION = "checkout.email.send";

    private final JavaMailSenderImpl mail;
    private final JdbcClient jdbc;
    private final EmailProperties properties;
    private final ObservationRegistry observations;

    EmailSender(JavaMailSenderImpl mail, JdbcClient jdbc, EmailProperties properties,
                ObservationRegistry observations) {
        this.mail = mail;
        this.jdbc = jdbc;
        this.properties = properties;
        this.observations = observations;
    }

    /**
     * Holds the order's emails for the rest of the transaction: its OrderPlaced and OrderCancelled may be handled at
     * the same moment (one from a retry topic), and each must see whether the other's email went out.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void lockOrder(UUID orderId) {
        jdbc.sql("SELECT 1 FROM pg_advisory_xact_lock(hashtextextended(?, 0))").param(orderId.toString())
                .query(Integer.class).single();
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public boolean wasSent(UUID orderId, String template) {
        return jdbc.sql("SELECT count(*) FROM email_log WHERE order_id = ? AND template = ?").params(orderId, template)
                .query(Long.class).single() > 0;
    }

    /** @return false if this order's email of this template went out already (under another event id) */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean sendOnce(Email email) {
        int logged = jdbc.sql("""
                        INSERT INTO email_log (order_id, template, recipient, subject, message_id)
                        VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""")
                .params(email.orderId(), email.template(), email.recipient(), email.subject(), email.messageId())
                .update();
        if (logged == 0) {
            return false;
        }
        // checkout_email_send_seconds{template} (the SMTP provider's latency, errors tagged) and a span in the trace.
        Observation.createNotStarted(SEND_OBSERVATION, observations)
                .contextualName("smtp send")
                .lowCardinalityKeyValue("template", email.template())
                .observe(() -> mail.send(message(email)));
        return true;
    }

    public String messageId(UUID eventId) {
        return "<" + eventId + "@" + properties.messageIdDomain() + ">";
    }

    private MimeMessage message(Email email) {
        MimeMessage message = new MimeMessage(mail.getSession()) {
            @Override
            protected void updateMessageID() throws MessagingException {
                setHeader("Message-ID", email.messageId());
            }
        };
        try {
            message.setFrom(new InternetAddress(properties.from()));
            message.setRecipient(MimeMessage.RecipientType.TO, new InternetAddress(email.recipient()));
            message.setSubject(email.subject(), StandardCharsets.UTF_8.name());
            message.setText(email.body(), StandardCharsets.UTF_8.name());
        } catch (MessagingException unwritable) {
            throw new MailSendException("could not write the email " + email.subject(), unwritable);
        }
        return message;
    }
}
