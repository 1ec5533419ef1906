package com.example.checkout.email;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.example.checkout.consumer.EventRecords;
import com.example.checkout.consumer.OrderPlacedRecords;
import com.example.checkout.events.OrderCancelled;
import com.example.checkout.events.OrderPlaced;
import com.example.checkout.events.Topics;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The cancellation email against a real broker, Postgres and SMTP server: once per order, and in either order
 * relative to the confirmation the customer's last word about the order is the cancellation.
 */
class CancellationEmailIntegrationTests extends EmailServiceIntegrationTest {

    private static final Duration DELIVERY = Duration.ofSeconds(60);

    @Test
    void aCancellationAfterTheConfirmationIsTheSecondAndLastEmailWithTheReasonAndTheRefund() throws Exception {
        // given: the order was confirmed to the customer
        OrderPlaced order = order("ada@example.com");
        OrderPlacedRecords.produce(bootstrap(), order);
        await().atMost(DELIVERY).until(() -> mailsFor(order).size() == 1);

        // when
        UUID eventId = EventRecords.produce(bootstrap(), Topics.ORDERS, cancellationOf(order));

        // then
        await().atMost(DELIVERY).until(() -> mailsFor(order).size() == 2);
        MimeMessage cancellation = mailsFor(order).getLast();
        assertThat(cancellation.getSubject()).isEqualTo("Your order " + order.orderId() + " is cancelled");
        assertThat(cancellation.getMessageID()).isEqualTo("<" + eventId + "@checkout.example.com>");
        assertThat(cancellation.getContent().toString())
                .contains("only 0 of SKU-001 available, 2 ordered", "Refunded 49.80 EUR (refund re_42)");
        assertThat(logged(order)).containsExactly("order-confirmation", "order-cancellation");
    }

    @Test
    void theSameCancellationDeliveredTwiceAndRepublishedSendsOneEmail() {
        // given
        OrderPlaced order = order("grace@example.com");
        OrderCancelled cancelled = cancellationOf(order);
        UUID eventId = UUID.randomUUID();

        // when: a duplicate delivery, and the same cancellation under another event id
        EventRecords.produce(bootstrap(), Topics.ORDERS, cancelled, eventId);
        EventRecords.produce(bootstrap(), Topics.ORDERS, cancelled, eventId);
        EventRecords.produce(bootstrap(), Topics.ORDERS, cancelled);

        // then
        await().atMost(DELIVERY).until(() -> logged(order).size() == 1);
        await().during(Duration.ofSeconds(3)).atMost(DELIVERY).until(() -> mailsFor(order).size() == 1);
        assertThat(logged(order)).containsExactly("order-cancellation");
    }

    @Test
    void aCancellationHandledBeforeTheOrderPlacedMeansTheConfirmationIsNeverSent() {
        // given: the cancellation overtook the placement (its confirmation was waiting on a retry topic)
        OrderPlaced order = order("linus@example.com");
        EventRecords.produce(bootstrap(), Topics.ORDERS, cancellationOf(order));
        await().atMost(DELIVERY).until(() -> mailsFor(order).size() == 1);

        // when: the late OrderPlaced arrives
        double processedBefore = counter("processed");
        OrderPlacedRecords.produce(bootstrap(), order);

        // then: it is processed, and the customer still has one email, the cancellation: no "confirmed" after it
        await().atMost(DELIVERY).until(() -> counter("processed") > processedBefore);
        await().during(Duration.ofSeconds(2)).atMost(DELIVERY).until(() -> mailsFor(order).size() == 1);
        assertThat(logged(order)).containsExactly("order-cancellation");
    }

    private static OrderCancelled cancellationOf(OrderPlaced order) {
        return new OrderCancelled(order.orderId(), order.customerId(), order.email(), order.lines(), order.totalCents(),
                order.currency(), order.placedAt(), "only 0 of SKU-001 available, 2 ordered", "re_42",
                order.totalCents(), Instant.now());
    }

    private List<String> logged(OrderPlaced order) {
        JsonNode emails = api().get("/emails?orderId=" + order.orderId());
        return emails.valueStream().map(email -> email.get("template").asString()).toList();
    }
}
