package com.example.checkout.email;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import com.example.checkout.consumer.OrderPlacedRecords;
import com.example.checkout.consumer.TopicRecords;
import com.example.checkout.events.EventHeaders;
import com.example.checkout.events.OrderPlaced;
import jakarta.mail.internet.MimeMessage;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.support.KafkaHeaders;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The email service against a real broker, Postgres and SMTP server. A short retry schedule (5 deliveries,
 * 300 ms doubling to 1 s) keeps the outage scenarios to seconds. The pause on an outage is switched off here
 * ({@code checkout.consumer.outage.enabled=false}), so an SMTP outage takes the retry topics to the DLT as any
 * failure does; {@link DependencyOutageIntegrationTests} covers the pause, which is on by default.
 */
@SpringBootTest(classes = EmailServiceApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
        EmailServiceApplication.CONFIG,
        "checkout.consumer.retry.attempts=5",
        "checkout.consumer.retry.initial-interval=300ms",
        "checkout.consumer.retry.max-interval=1s",
        "checkout.consumer.retry.jitter=50ms",
        "checkout.consumer.outage.enabled=false"})
class EmailConfirmationIntegrationTests extends EmailServiceIntegrationTest {

    private static final Duration DELIVERY = Duration.ofSeconds(60);

    @Autowired
    JdbcClient jdbc;

    @Test
    void anOrderGetsExactlyOneConfirmationWithADeterministicMessageId() throws Exception {
        // given
        OrderPlaced order = order("ada@example.com");

        // when
        UUID eventId = OrderPlacedRecords.produce(bootstrap(), order);

        // then
        await().atMost(DELIVERY).until(() -> mailsFor(order).size() == 1);
        MimeMessage mail = mailsFor(order).getFirst();
        assertThat(mail.getAllRecipients()).extracting(Object::toString).containsExactly("ada@example.com");
        assertThat(mail.getSubject()).contains(order.orderId().toString());
        assertThat(mail.getMessageID()).isEqualTo("<" + eventId + "@checkout.example.com>");
        assertThat(mail.getContent().toString()).contains("Espresso Beans", "Total 49.80 EUR");
        JsonNode logged = api().get("/emails?orderId=" + order.orderId());
        assertThat(logged).hasSize(1);
        assertThat(logged.get(0).get("recipient").asString()).isEqualTo("ada@example.com");
        assertThat(logged.get(0).get("messageId").asString()).isEqualTo(mail.getMessageID());
    }

    @Test
    void theSameEventDeliveredTwiceSendsOneEmail() {
        // given
        OrderPlaced order = order("grace@example.com");
        UUID eventId = UUID.randomUUID();
        double duplicatesBefore = counter("duplicate");

        // when
        OrderPlacedRecords.produce(bootstrap(), order, eventId);
        OrderPlacedRecords.produce(bootstrap(), order, eventId);

        // then: the second delivery is seen and skipped, and nothing more is sent
        await().atMost(DELIVERY).until(() -> counter("duplicate") >= duplicatesBefore + 1);
        assertThat(mailsFor(order)).hasSize(1);
        assertThat(api().get("/emails?orderId=" + order.orderId())).hasSize(1);
    }

    @Test
    void anSmtpOutageShorterThanTheRetriesDeliversTheEmailOnceAfterRecovery() {
        // given: the mail server is down
        OrderPlaced order = order("linus@example.com");
        double retriedBefore = counter("retried");
        INFRASTRUCTURE.smtp().stop();

        // when: the order arrives and fails twice on the retry topics
        UUID eventId = OrderPlacedRecords.produce(bootstrap(), order);
        await().atMost(DELIVERY).until(() -> counter("retried") >= retriedBefore + 2);
        assertThat(mailsFor(order)).isEmpty();
        INFRASTRUCTURE.smtp().start();

        // then: a later retry delivers it, once, and nothing is parked
        await().atMost(DELIVERY).until(() -> mailsFor(order).size() == 1);
        assertThat(api().get("/emails?orderId=" + order.orderId())).hasSize(1);
        assertThat(parkedEventIds()).doesNotContain(eventId.toString());
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(() -> mailsFor(order).size() == 1);
    }

    @Test
    void anSmtpOutageLongerThanTheRetriesParksTheEventAndAReplayDeliversItExactlyOnce() {
        // given: the mail server stays down past the last attempt
        OrderPlaced order = order("barbara@example.com");
        INFRASTRUCTURE.smtp().stop();
        UUID eventId = OrderPlacedRecords.produce(bootstrap(), order);

        // then: the record is on the email group's DLT with the original headers and the reason
        await().atMost(DELIVERY).until(() -> deadLetter(eventId) != null);
        JsonNode parked = deadLetter(eventId);
        assertThat(parked.get("reason").asString()).isNotBlank();
        assertThat(parked.get("attempts").asInt()).isEqualTo(5);
        assertThat(parked.get("topic").asString()).isEqualTo("orders.email-service.dlt");
        ConsumerRecord<String, byte[]> onDlt = TopicRecords.all(bootstrap(), "orders.email-service.dlt").stream()
                .filter(record -> eventId.toString().equals(TopicRecords.header(record, EventHeaders.ID)))
                .findFirst().orElseThrow();
        assertThat(onDlt.key()).isEqualTo(order.orderId().toString());
        assertThat(TopicRecords.header(onDlt, EventHeaders.TYPE)).isEqualTo(OrderPlaced.TYPE);
        assertThat(TopicRecords.header(onDlt, EventHeaders.TRACEPARENT)).isNotBlank();
        assertThat(TopicRecords.header(onDlt, KafkaHeaders.EXCEPTION_FQCN)).isNotBlank();
        assertThat(TopicRecords.header(onDlt, KafkaHeaders.EXCEPTION_MESSAGE)).contains("Mail server connection failed");
        assertThat(TopicRecords.header(onDlt, KafkaHeaders.ORIGINAL_TOPIC)).isEqualTo("orders");
        assertThat(parked.get("exceptionClass").asString()).isEqualTo("org.springframework.mail.MailSendException");
        assertThat(mailsFor(order)).isEmpty();

        // when: the mail server is back and the DLT is replayed
        INFRASTRUCTURE.smtp().start();
        // (this record only: other test classes share the email database and may have parked their own)
        String replayOne = "/dlt/" + parked.get("id").asLong() + "/replay";
        JsonNode firstReplay = api().post(replayOne);

        // then: delivered exactly once; a second replay sends nothing more
        assertThat(firstReplay.get("replayed").asInt()).isEqualTo(1);
        assertThat(firstReplay.get("failed").asInt()).isZero();
        assertThat(mailsFor(order)).hasSize(1);
        JsonNode secondReplay = api().post(replayOne);
        assertThat(secondReplay.get("replayed").asInt()).isZero();
        assertThat(mailsFor(order)).hasSize(1);
        assertThat(deadLetter(eventId)).isNull();
    }

    @Test
    void aCrashBetweenTheSmtpSendAndMarkingItSentResendsTheEmailWithTheSameMessageId() throws Exception {
        // given: the first commit that marks this recipient's email SENT fails, after the mail server accepted the
        // message — what a process dying in that window looks like to the database (the sequence is not rolled
        // back, so only the first commit fails)
        String recipient = "crash-window@example.com";
        jdbc.sql("CREATE SEQUENCE crash_window_commits").update();
        jdbc.sql("""
                CREATE FUNCTION fail_first_commit() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                  IF nextval('crash_window_commits') = 1 THEN
                    RAISE EXCEPTION 'simulated crash between the SMTP send and marking it sent';
                  END IF;
                  RETURN NULL;
                END $$""").update();
        jdbc.sql("""
                CREATE CONSTRAINT TRIGGER crash_window AFTER UPDATE ON email_log DEFERRABLE INITIALLY DEFERRED
                FOR EACH ROW WHEN (NEW.recipient = '%s' AND NEW.status = 'SENT') EXECUTE FUNCTION fail_first_commit()"""
                .formatted(recipient)).update();
        OrderPlaced order = order(recipient);
        double retriedBefore = counter("retried");

        try {
            // when
            UUID eventId = OrderPlacedRecords.produce(bootstrap(), order);

            // then: the email went out twice — the one window the email service cannot close — both times with the
            // same Message-ID, so the receiving side can drop the second; the log and the ledger hold it once
            await().atMost(DELIVERY).until(() -> mailsFor(order).size() == 2);
            assertThat(mailsFor(order)).extracting(MimeMessage::getMessageID)
                    .containsOnly("<" + eventId + "@checkout.example.com>");
            await().atMost(DELIVERY).until(() -> api().get("/emails?orderId=" + order.orderId()).size() == 1);
            assertThat(counter("retried")).isEqualTo(retriedBefore + 1);
            assertThat(jdbc.sql("SELECT count(*) FROM processed_events WHERE event_id = ?").param(eventId)
                    .query(Long.class).single()).isEqualTo(1);
        } finally {
            jdbc.sql("DROP TRIGGER crash_window ON email_log").update();
            jdbc.sql("DROP FUNCTION fail_first_commit()").update();
            jdbc.sql("DROP SEQUENCE crash_window_commits").update();
        }
    }

    @Test
    void anEmailClaimedButNeverSentIsSentByTheNextDeliveryUnderItsClaimedMessageId() {
        // given: an earlier delivery (event id "earlier") claimed the confirmation and died before the SMTP send
        OrderPlaced order = order("claimed@example.com");
        String claimedMessageId = "<" + UUID.randomUUID() + "@checkout.example.com>";
        jdbc.sql("""
                        INSERT INTO email_log (order_id, template, recipient, subject, message_id, status)
                        VALUES (?, 'order-confirmation', ?, 'claimed', ?, 'CLAIMED')""")
                .params(order.orderId(), order.email(), claimedMessageId).update();

        // when: the order is delivered (again, or republished under another event id)
        OrderPlacedRecords.produce(bootstrap(), order);

        // then: the mail goes out once, under the Message-ID claimed first, and the row is marked sent
        await().atMost(DELIVERY).until(() -> api().get("/emails?orderId=" + order.orderId()).size() == 1);
        assertThat(mailsFor(order)).extracting(MimeMessage::getMessageID).containsExactly(claimedMessageId);
        assertThat(jdbc.sql("SELECT status FROM email_log WHERE order_id = ?").param(order.orderId())
                .query(String.class).single()).isEqualTo("SENT");
    }

    private JsonNode deadLetter(UUID eventId) {
        for (JsonNode parked : api().parked()) {
            if (eventId.toString().equals(parked.get("eventId").asString())) {
                return parked;
            }
        }
        return null;
    }

    private List<String> parkedEventIds() {
        return api().parked().stream().map(parked -> parked.get("eventId").asString()).toList();
    }
}
