package com.example.checkout.demo;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import com.example.checkout.infrastructure.Infrastructure;

/** One message as the SMTP server received it: the ground truth the scenario counts, not the service's own log. */
record ReceivedEmail(String to, String subject, String messageId) {

    static List<ReceivedEmail> all(Infrastructure infrastructure) {
        return infrastructure.smtp().receivedMessages().stream().map(ReceivedEmail::of).toList();
    }

    private static ReceivedEmail of(MimeMessage message) {
        try {
            Address[] recipients = message.getAllRecipients();
            String to = recipients == null ? "" : Arrays.stream(recipients).map(Address::toString).collect(Collectors.joining(", "));
            return new ReceivedEmail(to, message.getSubject(), message.getMessageID());
        } catch (MessagingException unreadable) {
            return new ReceivedEmail("", "(unreadable: " + unreadable.getMessage() + ")", "");
        }
    }

    boolean isAbout(String orderId) {
        return subject != null && subject.contains(orderId);
    }
}
