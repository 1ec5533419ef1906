package com.example.checkout.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SmtpIntegrationTests {

    private final SmtpServer smtp = SharedInfrastructure.get().smtp();

    @Test
    void aSentMailIsReceived() throws MessagingException {
        String subject = "Order " + UUID.randomUUID() + " confirmed";

        send(subject);

        assertThat(subjects()).containsOnlyOnce(subject);
    }

    @Test
    void receivedMailsSurviveARestart() throws MessagingException {
        // given a mail received before the outage
        String before = "before " + UUID.randomUUID();
        send(before);
        int receivedBefore = smtp.receivedMessages().size();

        // when the server is down, mails cannot be sent; then it comes back
        smtp.stop();
        assertThat(smtp.isRunning()).isFalse();
        assertThatThrownBy(() -> send("lost " + UUID.randomUUID())).isInstanceOf(MessagingException.class);
        smtp.start();
        String after = "after " + UUID.randomUUID();
        send(after);

        // then both are there, once each
        assertThat(smtp.isRunning()).isTrue();
        assertThat(smtp.receivedMessages()).hasSize(receivedBefore + 1);
        assertThat(subjects()).containsOnlyOnce(before, after);
    }

    @Test
    void aServerThatSaysItCanRejectARecipientAnswers550AndOneThatCannotRefusesTheRequest() {
        String mistyped = "no-such-mailbox-" + UUID.randomUUID() + "@example.com";
        if (smtp.canRejectRecipients()) {
            smtp.rejectRecipient(mistyped);
            assertThatThrownBy(() -> send("rejected " + UUID.randomUUID(), mistyped))
                    .isInstanceOf(SendFailedException.class).hasStackTraceContaining("550");
        } else {
            assertThatThrownBy(() -> smtp.rejectRecipient(mistyped)).isInstanceOf(UnsupportedOperationException.class);
        }
    }

    private void send(String subject) throws MessagingException {
        send(subject, "shopper@example.com");
    }

    private void send(String subject, String recipient) throws MessagingException {
        Properties properties = new Properties();
        properties.put("mail.smtp.host", smtp.host());
        properties.put("mail.smtp.port", String.valueOf(smtp.port()));
        properties.put("mail.smtp.connectiontimeout", "2000");
        MimeMessage message = new MimeMessage(Session.getInstance(properties));
        message.setFrom(new InternetAddress("shop@example.com"));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(recipient));
        message.setSubject(subject);
        message.setText("Thank you for your order.");
        Transport.send(message);
    }

    private List<String> subjects() {
        return smtp.receivedMessages().stream().map(SmtpIntegrationTests::subject).toList();
    }

    private static String subject(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (MessagingException e) {
            throw new AssertionError(e);
        }
    }
}
