package com.example.checkout.email;

import java.util.List;

import com.example.checkout.consumer.ConsumerMetrics;
import com.example.checkout.consumer.OrderPlacedRecords;
import com.example.checkout.consumer.ServiceClient;
import com.example.checkout.events.OrderPlaced;
import com.example.checkout.events.OrderPlaced.OrderLine;
import com.example.checkout.infrastructure.Infrastructure;
import com.example.checkout.infrastructure.SharedInfrastructure;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The email service against the JVM's real broker, Postgres and SMTP server. A class that needs other settings
 * declares its own {@code @SpringBootTest}; each class's context is closed after it ({@code @DirtiesContext}), so two
 * contexts never share the consumer group (the second would take partitions from the first).
 */
@SpringBootTest(classes = EmailServiceApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = EmailServiceApplication.CONFIG)
@DirtiesContext
abstract class EmailServiceIntegrationTest {

    static final Infrastructure INFRASTRUCTURE = SharedInfrastructure.get();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        INFRASTRUCTURE.kafka().createTopic("orders", 3);
        SharedInfrastructure.register(registry, "email");
    }

    @LocalServerPort
    int port;

    @Autowired
    MeterRegistry meters;

    /** A test that stops the mail server leaves it running for the next, even when it fails. */
    @AfterEach
    void smtpIsBack() {
        if (!INFRASTRUCTURE.smtp().isRunning()) {
            INFRASTRUCTURE.smtp().start();
        }
    }

    /** An order of two bags of SKU-001 (49.80 EUR), whose emails go to {@code email}. */
    static OrderPlaced order(String email) {
        return OrderPlacedRecords.orderPlaced(email, new OrderLine("SKU-001", "Espresso Beans, 1 kg", 2, 2490));
    }

    /** Mails the SMTP server received about this order (its id is in every subject). */
    static List<MimeMessage> mailsFor(OrderPlaced order) {
        return INFRASTRUCTURE.smtp().receivedMessages().stream().filter(mail -> {
            try {
                return mail.getSubject().contains(order.orderId().toString());
            } catch (MessagingException unreadable) {
                throw new IllegalStateException(unreadable);
            }
        }).toList();
    }

    /** {@code checkout.consumer.events} of the email group with this outcome so far. */
    double counter(String outcome) {
        var counter = meters.find(ConsumerMetrics.EVENTS).tags("service", "email-service", "outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }

    ServiceClient api() {
        return ServiceClient.onPort(port);
    }

    static String bootstrap() {
        return INFRASTRUCTURE.kafka().bootstrapServers();
    }
}
