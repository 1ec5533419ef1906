package com.example.checkout.relay.streaming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * The recovery after a lost slot: {@code --republish-since=<instant>} re-emits every outbox row created since then,
 * with its original {@code ce_id}, key, payload and headers, so consumers drop what they already have.
 */
class RepublishIntegrationTests extends RelayOnOrdersDatabase {

    private static final Duration PATIENCE = Duration.ofSeconds(90);

    @Test
    void republishingSinceAnInstantSendsEveryOutboxRowCreatedSinceThenAgainWithItsOwnEventId() throws Exception {
        // given orders placed before and after T, all streamed
        List<String> before = orderService.placeOrders(3, 1);
        Instant since = orderService.database().sql("SELECT now()").query(java.time.OffsetDateTime.class).single()
                .toInstant();
        List<String> after = orderService.placeOrders(5, 1);
        await().atMost(PATIENCE).until(() -> ordersTopic.eventsOf(after).size() >= 5
                && ordersTopic.eventsOf(before).size() >= 3);
        List<ConsumerRecord<String, String>> streamed = ordersTopic.eventsOf(after);

        // when
        int exitCode = RelayProcess.runCommand("republish", RelayProcess.ordersProperties(),
                "--republish-since=" + since, "--source=orders");

        // then every event since T is on the topic twice, identical, and those before T once
        assertThat(exitCode).isZero();
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(ordersTopic.eventsOf(after)).hasSize(10));
        Map<String, Long> publications = ordersTopic.publicationsById();
        assertThat(orderService.eventIdsOf(after)).allSatisfy(id -> assertThat(publications.get(id)).isEqualTo(2));
        assertThat(orderService.eventIdsOf(before)).allSatisfy(id -> assertThat(publications.get(id)).isEqualTo(1));
        for (ConsumerRecord<String, String> original : streamed) {
            ConsumerRecord<String, String> again = ordersTopic.eventsOf(after).stream()
                    .filter(record -> record.offset() != original.offset() || record.partition() != original.partition())
                    .filter(record -> OrdersTopic.eventId(record).equals(OrdersTopic.eventId(original)))
                    .findFirst().orElseThrow();
            assertThat(again.key()).isEqualTo(original.key());
            assertThat(again.value()).isEqualTo(original.value());
            // A republish is a new send: the same trace goes on, under a new send span of the relay.
            Map<String, String> originalHeaders = headers(original);
            Map<String, String> againHeaders = headers(again);
            assertThat(traceId(againHeaders.remove("traceparent"))).isEqualTo(traceId(originalHeaders.remove("traceparent")));
            assertThat(againHeaders).isEqualTo(originalHeaders);
        }
    }

    /** The trace id of a W3C traceparent ({@code version-traceId-spanId-flags}). */
    private static String traceId(String traceparent) {
        assertThat(traceparent).isNotNull();
        return traceparent.split("-")[1];
    }

    private static Map<String, String> headers(ConsumerRecord<String, String> record) {
        Map<String, String> headers = new java.util.TreeMap<>();
        record.headers().forEach(header -> headers.put(header.key(),
                new String(header.value(), java.nio.charset.StandardCharsets.UTF_8)));
        return headers;
    }
}
