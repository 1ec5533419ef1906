package com.example.checkout.email;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import com.example.checkout.consumer.OrderPlacedRecords;
import com.example.checkout.consumer.TopicRecords;
import com.example.checkout.consumer.outage.ConsumerLag;
import com.example.checkout.consumer.outage.ConsumerPause;
import com.example.checkout.events.EventHeaders;
import com.example.checkout.events.OrderPlaced;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The group waits out a mail server outage instead of dead-lettering (the default schedule, about 25 s of retries,
 * would park every email of a two-minute outage), and still parks the one email a server rejects for good.
 * Real broker, Postgres and SMTP server; the outage is the SMTP server stopped.
 */
class DependencyOutageIntegrationTests extends EmailServiceIntegrationTest {

    private static final Duration OUTAGE = Duration.ofSeconds(120);
    private static final Duration DELIVERY = Duration.ofSeconds(90);
    private static final String DLT = "orders.email-service.dlt";

    @Test
    void aTwoMinuteSmtpOutageDuringAStreamOfOrdersPausesTheGroupAndEveryEmailGoesOutOnceAfterwards() {
        // given: orders arrive at 4 a second throughout
        List<UUID> eventIds = new CopyOnWriteArrayList<>();
        List<OrderPlaced> orders = new CopyOnWriteArrayList<>();
        ScheduledExecutorService shoppers = Executors.newSingleThreadScheduledExecutor();
        shoppers.scheduleAtFixedRate(() -> {
            OrderPlaced order = order("stream-" + orders.size() + "@example.com");
            orders.add(order);
            eventIds.add(OrderPlacedRecords.produce(bootstrap(), order));
        }, 0, 250, TimeUnit.MILLISECONDS);
        await().atMost(DELIVERY).until(() -> mails(orders) >= 5);
        double pausedBefore = pausedSeconds();
        long[] maxLag = {0};

        try {
            // when: the mail server is down for two minutes
            INFRASTRUCTURE.smtp().stop();

            // then: the group pauses, nothing is parked all along, and the lag grows
            await().atMost(Duration.ofSeconds(30)).until(() -> paused() == 1);
            await().during(OUTAGE).atMost(OUTAGE.plusSeconds(30)).until(() -> {
                maxLag[0] = Math.max(maxLag[0], lag());
                return paused() == 1 && parked(eventIds).isEmpty();
            });
            assertThat(maxLag[0]).isGreaterThan(100);
            INFRASTRUCTURE.smtp().start();
            await().atMost(Duration.ofSeconds(30)).until(() -> paused() == 0);
        } finally {
            shoppers.shutdownNow();
        }

        // then: every order has its one email, the lag is back to zero, the DLT holds none of them
        List<OrderPlaced> placed = List.copyOf(orders);
        await().atMost(DELIVERY).until(() -> mails(placed) == placed.size());
        assertThat(mailsPerOrder(placed).values()).containsOnly(1L);
        await().atMost(DELIVERY).until(() -> lag() == 0);
        assertThat(parked(eventIds)).isEmpty();
        assertThat(onDlt(eventIds)).isEmpty();
        assertThat(pausedSeconds() - pausedBefore)
                .as("seconds paused in an SMTP outage of %d s (%d orders, lag rose to %d and returned to 0)",
                        OUTAGE.toSeconds(), placed.size(), maxLag[0])
                .isGreaterThanOrEqualTo(OUTAGE.toSeconds());
    }

    @Test
    void aRecipientTheServerRejectsForGoodIsTheOnlyRecordParkedAndTheOthersAreDelivered() {
        assumeTrue(INFRASTRUCTURE.smtp().canRejectRecipients(), () -> INFRASTRUCTURE.smtp().getClass().getSimpleName()
                + " accepts every recipient (Mailpit reads its allowed recipients only at start): the permanent 5xx "
                + "is tested against the embedded SMTP server");
        // given: the mail server answers 550 for one mailbox
        INFRASTRUCTURE.smtp().rejectRecipient("no-such-mailbox@example.com");
        OrderPlaced poisoned = order("no-such-mailbox@example.com");
        List<OrderPlaced> good = List.of(order("good-1@example.com"), order("good-2@example.com"),
                order("good-3@example.com"), order("good-4@example.com"));

        double pausedBefore = pausedSeconds();

        // when
        List<UUID> eventIds = new ArrayList<>();
        eventIds.add(OrderPlacedRecords.produce(bootstrap(), good.get(0)));
        eventIds.add(OrderPlacedRecords.produce(bootstrap(), good.get(1)));
        UUID poisonedEvent = OrderPlacedRecords.produce(bootstrap(), poisoned);
        eventIds.add(poisonedEvent);
        eventIds.add(OrderPlacedRecords.produce(bootstrap(), good.get(2)));
        eventIds.add(OrderPlacedRecords.produce(bootstrap(), good.get(3)));

        // then: the good ones are delivered, only the rejected one is parked, and the group never paused
        await().atMost(DELIVERY).until(() -> mails(good) == good.size());
        await().atMost(DELIVERY).until(() -> parked(eventIds).equals(Set.of(poisonedEvent.toString())));
        assertThat(onDlt(eventIds)).containsExactly(poisonedEvent.toString());
        assertThat(mails(List.of(poisoned))).isZero();
        assertThat(pausedSeconds()).isEqualTo(pausedBefore);
    }

    private static long mails(List<OrderPlaced> orders) {
        return mailsPerOrder(orders).values().stream().filter(count -> count > 0).count();
    }

    private static Map<UUID, Long> mailsPerOrder(List<OrderPlaced> orders) {
        Map<String, Long> bySubject = INFRASTRUCTURE.smtp().receivedMessages().stream()
                .collect(Collectors.groupingBy(DependencyOutageIntegrationTests::subject, Collectors.counting()));
        return orders.stream().collect(Collectors.toMap(OrderPlaced::orderId,
                order -> bySubject.getOrDefault("Your order " + order.orderId() + " is confirmed", 0L)));
    }

    private static String subject(MimeMessage mail) {
        try {
            return mail.getSubject();
        } catch (MessagingException unreadable) {
            throw new IllegalStateException(unreadable);
        }
    }

    /** Event ids of these events parked in the group's dead_letters table. */
    private Set<String> parked(List<UUID> eventIds) {
        Set<String> ours = eventIds.stream().map(UUID::toString).collect(Collectors.toSet());
        return api().parked().stream().map(row -> row.get("eventId").asString()).filter(ours::contains)
                .collect(Collectors.toSet());
    }

    /** Event ids of these events on the group's DLT topic. */
    private static List<String> onDlt(List<UUID> eventIds) {
        Set<String> ours = eventIds.stream().map(UUID::toString).collect(Collectors.toSet());
        return TopicRecords.all(bootstrap(), DLT).stream().map(record -> TopicRecords.header(record, EventHeaders.ID))
                .filter(ours::contains).toList();
    }

    private double paused() {
        return meters.find(ConsumerPause.PAUSED).tags("service", "email-service").gauge().value();
    }

    private double pausedSeconds() {
        return meters.find(ConsumerPause.PAUSED_SECONDS).tags("service", "email-service").functionCounter().count();
    }

    private long lag() {
        return (long) meters.find(ConsumerLag.LAG).tags("service", "email-service").gauge().value();
    }
}
