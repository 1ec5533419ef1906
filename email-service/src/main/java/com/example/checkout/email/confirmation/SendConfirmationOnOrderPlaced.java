package com.example.checkout.email.confirmation;

import java.nio.charset.StandardCharsets;

import com.example.checkout.consumer.EventHandler;
import com.example.checkout.consumer.EventMetadata;
import com.example.checkout.events.OrderPlaced;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.stereotype.Component;

/**
 * Logs the email first, then sends it, inside the event's transaction: if SMTP fails the log row rolls back and
 * the event is retried; if it is sent, the commit records it. SMTP cannot join a database transaction, so one
 * window remains: the server accepted the mail and the process died before the commit. The event is then
 * redelivered and the mail sent again — with the same Message-ID, which lets mail systems drop the duplicate.
 */
@Component
class SendConfirmationOnOrderPlaced implements EventHandler<OrderPlaced> {

    static final String SEND_OBSERVATION = "checkout.email.send";

    private final JavaMailSenderImpl mail;
    private final JdbcClient jdbc;
    private final EmailProperties properties;
    private final ObservationRegistry observations;

    SendConfirmationOnOrderPlaced(JavaMailSenderImpl mail, JdbcClient jdbc, EmailProperties properties,
                                  ObservationRegistry observations) {
        this.mail = mail;
        this.jdbc = jdbc;
        this.properties = properties;
        this.observations = observations;
    }

    @Override
    public Class<OrderPlaced> eventClass() {
        return OrderPlaced.class;
    }

    @Override
    public void handle(OrderPlaced event, EventMetadata metadata) {
        ConfirmationEmail email = ConfirmationEmail.of(event, metadata.eventId(), properties.messageIdDomain());
        int logged = jdbc.sql("""
                        INSERT INTO email_log (order_id, template, recipient, subject, message_id)
                        VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""")
                .params(event.orderId(), ConfirmationEmail.TEMPLATE, email.recipient(), email.subject(), email.messageId())
                .update();
        if (logged == 0) {
            return; // this order's confirmation went out already (under another event id)
        }
        // checkout_email_send_seconds (the SMTP provider's latency, errors tagged) and a span in the order's trace.
        Observation.createNotStarted(SEND_OBSERVATION, observations)
                .contextualName("smtp send")
                .lowCardinalityKeyValue("template", ConfirmationEmail.TEMPLATE)
                .observe(() -> mail.send(message(email)));
    }

    private MimeMessage message(ConfirmationEmail email) {
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
            throw new MailSendException("could not write the confirmation of " + email.subject(), unwritable);
        }
        return message;
    }
}
