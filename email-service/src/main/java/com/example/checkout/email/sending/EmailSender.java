package com.example.checkout.email.sending;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.UUID;

import com.example.checkout.consumer.NonRetryableEventException;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends an order's email once: claim, send, mark. The claim is a short transaction that writes the
 * {@code email_log} row as CLAIMED with its Message-ID; the SMTP conversation runs with no transaction open and
 * no pooled database connection held; a second short transaction marks the row SENT. A process that dies after
 * the claim leaves a CLAIMED row, and the event's redelivery sends it again under the claimed Message-ID — the one
 * window SMTP leaves open (sent, not yet marked) means at most a duplicate that mail systems recognise by that id.
 * Inside a caller's transaction (a DLT replay) the three steps join it.
 */
@Component
public class EmailSender {

    static final String SEND_OBSERVATION = "checkout.email.send";

    public enum Outcome { SENT, ALREADY_SENT, SUPERSEDED }

    private final SmtpConnections smtp;
    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final EmailProperties properties;
    private final ObservationRegistry observations;

    EmailSender(SmtpConnections smtp, JdbcClient jdbc, TransactionTemplate transaction, EmailProperties properties,
                ObservationRegistry observations) {
        this.smtp = smtp;
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.properties = properties;
        this.observations = observations;
    }

    /** Sends the order's email of this template unless it went out already (under any event id). */
    public Outcome sendOnce(Email email) {
        return send(email, null);
    }

    /**
     * As {@link #sendOnce}, but not once the order's email of {@code supersededBy} is claimed: the order's
     * OrderPlaced and OrderCancelled may be handled at the same moment (one from a retry topic), and the claim of
     * each sees whether the other's was claimed, under a lock on the order.
     */
    public Outcome sendUnless(Email email, String supersededBy) {
        return send(email, supersededBy);
    }

    private Outcome send(Email email, @Nullable String supersededBy) {
        MimeMessage message = message(email, email.messageId()); // an unwritable email fails before it is claimed
        Claim claim = transaction.execute(status -> claim(email, supersededBy));
        if (claim.outcome() != Outcome.SENT) {
            return claim.outcome();
        }
        if (!claim.messageId().equals(email.messageId())) {
            message = message(email, claim.messageId()); // completing another event's claim of this email
        }
        MimeMessage claimed = message;
        // checkout_email_send_seconds{template} (the SMTP provider's latency, errors tagged) and a span in the trace.
        Observation.createNotStarted(SEND_OBSERVATION, observations)
                .contextualName("smtp send")
                .lowCardinalityKeyValue("template", email.template())
                .observe(() -> smtp.send(claimed));
        transaction.executeWithoutResult(status -> jdbc.sql("""
                        UPDATE email_log SET status = 'SENT', sent_at = now()
                        WHERE order_id = ? AND template = ? AND status = 'CLAIMED'""")
                .params(email.orderId(), email.template()).update());
        return Outcome.SENT;
    }

    private Claim claim(Email email, @Nullable String supersededBy) {
        jdbc.sql("SELECT 1 FROM pg_advisory_xact_lock(hashtextextended(?, 0))").param(email.orderId().toString())
                .query(Integer.class).single();
        if (supersededBy != null && jdbc.sql("SELECT count(*) FROM email_log WHERE order_id = ? AND template = ?")
                .params(email.orderId(), supersededBy).query(Long.class).single() > 0) {
            return new Claim(Outcome.SUPERSEDED, email.messageId());
        }
        int claimed = jdbc.sql("""
                        INSERT INTO email_log (order_id, template, recipient, subject, message_id, status)
                        VALUES (?, ?, ?, ?, ?, 'CLAIMED') ON CONFLICT DO NOTHING""")
                .params(email.orderId(), email.template(), email.recipient(), email.subject(), email.messageId())
                .update();
        if (claimed == 1) {
            return new Claim(Outcome.SENT, email.messageId());
        }
        // Claimed before: by an attempt that died before marking it (send again, same Message-ID), or sent.
        Optional<Claim> earlier = jdbc.sql("SELECT status, message_id FROM email_log WHERE order_id = ? AND template = ?")
                .params(email.orderId(), email.template())
                .query((rs, row) -> new Claim("SENT".equals(rs.getString("status")) ? Outcome.ALREADY_SENT : Outcome.SENT,
                        rs.getString("message_id")))
                .optional();
        return earlier.orElse(new Claim(Outcome.ALREADY_SENT, email.messageId()));
    }

    public String messageId(UUID eventId) {
        return "<" + eventId + "@" + properties.messageIdDomain() + ">";
    }

    private MimeMessage message(Email email, String messageId) {
        MimeMessage message = new MimeMessage(smtp.session()) {
            @Override
            protected void updateMessageID() throws MessagingException {
                setHeader("Message-ID", messageId);
            }
        };
        try {
            message.setFrom(new InternetAddress(properties.from()));
            message.setRecipient(MimeMessage.RecipientType.TO, new InternetAddress(email.recipient()));
            message.setSubject(email.subject(), StandardCharsets.UTF_8.name());
            message.setText(email.body(), StandardCharsets.UTF_8.name());
        } catch (MessagingException unwritable) {
            throw new NonRetryableEventException("could not write the email " + email.subject(), unwritable);
        }
        return message;
    }

    private record Claim(Outcome outcome, String messageId) {
    }
}
