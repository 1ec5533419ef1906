package com.example.checkout.console.overview;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;

import com.example.checkout.console.system.ConsoleProperties;
import com.example.checkout.console.system.ConsumerGroup;
import com.example.checkout.console.system.ServiceClients;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class MetricsSamplerTests {

    private final MetricsSampler sampler = new MetricsSampler(mock(ServiceClients.class), defaults());
    private final Instant start = Instant.parse("2026-12-02T10:00:00Z");

    @Test
    void checkoutsBecomeARateAndTheRelayDelayAMeanAndAP99OverTheInterval() {
        // given a first scrape as the baseline
        sampler.record(start, order(100), relay(100, 1.0, 50, 100), consumers(100, 0, 0, 0));

        // when 2 s later 10 more checkouts were placed and relayed, 9 in under 5 ms and 1 in 50 ms
        Sample sample = sampler.record(start.plusSeconds(2), order(110), relay(110, 1.0 + 0.045 + 0.05, 59, 110),
                consumers(110, 0, 0, 0));

        // then
        assertThat(sample.checkoutsPerSecond()).isEqualTo(5.0);
        assertThat(sample.relayDelayMs()).isCloseTo(9.5, org.assertj.core.data.Offset.offset(0.01));
        assertThat(sample.relayDelayP99Ms()).isEqualTo(100.0);
        assertThat(sample.groups().get("email-service").backlog()).isZero();
    }

    @Test
    void theBacklogIsWhatWasRelayedAndNotYetHandledAndItDrainsWhenTheGroupCatchesUp() {
        // given
        sampler.record(start, order(0), relay(0, 0, 0, 0), consumers(0, 0, 0, 0));

        // when 20 events are relayed while the email group handles none (SMTP down)
        Sample during = sampler.record(start.plusSeconds(2), order(20), relay(20, 0.2, 20, 20), consumers(0, 0, 0, 0));
        // and then it handles 17, finds 1 duplicate, ignores 1 (another group's event type) and parks 1, replayed later
        Sample after = sampler.record(start.plusSeconds(4), order(20), relay(20, 0.2, 20, 20), consumers(17, 1, 1, 1, 0));
        Sample replayed = sampler.record(start.plusSeconds(6), order(20), relay(20, 0.2, 20, 20), consumers(18, 1, 1, 1, 1));

        // then
        assertThat(during.groups().get("email-service").backlog()).isEqualTo(20);
        assertThat(after.groups().get("email-service").backlog()).isZero();
        assertThat(replayed.groups().get("email-service").backlog()).isZero();
    }

    @Test
    void aRestartedRelayIsARestartedCounterNotANegativeRate() {
        // given 50 events relayed and handled
        sampler.record(start, order(50), relay(50, 0.5, 50, 50), consumers(50, 0, 0, 0));

        // when the relay is down for one scrape and comes back with its counters at 3
        Sample down = sampler.record(start.plusSeconds(2), order(53), null, consumers(50, 0, 0, 0));
        Sample back = sampler.record(start.plusSeconds(4), order(53), relay(3, 0.03, 3, 3), consumers(50, 0, 0, 0));

        // then its 3 events are counted once, as a backlog until the group handles them
        assertThat(down.relayUp()).isFalse();
        assertThat(down.relayDelayMs()).isNull();
        assertThat(back.groups().get("email-service").backlog()).isEqualTo(3);
    }

    @Test
    void aRelayOfSeveralSourcesCountsOnlyWhatTheOrdersSourcePublished() {
        // given
        sampler.record(start, order(0), relay(0, 0, 0, 0), consumers(0, 0, 0, 0));

        // when the relay published 4 events from orders and 9 from inventory (another topic, other consumers)
        Sample sample = sampler.record(start.plusSeconds(2), order(4), PrometheusText.parse("""
                relay_events_relayed_total{source="orders"} 4
                relay_events_relayed_total{source="inventory"} 9
                """), consumers(0, 0, 0, 0));

        // then
        assertThat(sample.groups().get("email-service").backlog()).isEqualTo(4);
    }

    @Test
    void aGroupThatReportsItsOwnLagAndPauseIsBelieved() {
        // given
        sampler.record(start, order(0), relay(0, 0, 0, 0), consumers(0, 0, 0, 0));

        // when
        Map<ConsumerGroup, PrometheusText> consumers = consumers(0, 0, 0, 0);
        consumers.put(ConsumerGroup.EMAIL, PrometheusText.parse(events(0, 0, 0, 0) + """
                checkout_consumer_lag{service="email-service"} 42
                checkout_consumer_paused{service="email-service"} 1
                checkout_consumer_dlt_parked{service="email-service"} 0
                """));
        Sample sample = sampler.record(start.plusSeconds(2), order(0), relay(0, 0, 0, 0), consumers);

        // then
        assertThat(sample.groups().get("email-service").backlog()).isEqualTo(42);
        assertThat(sample.groups().get("email-service").paused()).isTrue();
        assertThat(sample.groups().get("inventory-service").paused()).isNull();
    }

    private static PrometheusText order(int checkouts) {
        return PrometheusText.parse("""
                http_server_requests_seconds_count{method="POST",status="201",uri="/checkout"} %d
                http_server_requests_seconds_count{method="GET",status="200",uri="/orders/{orderId}"} 999
                """.formatted(checkouts));
    }

    /** {@code fast} of the events took under 5 ms; the rest up to 100 ms. */
    private static PrometheusText relay(int relayed, double delaySum, int fast, int count) {
        return PrometheusText.parse("""
                relay_events_relayed_total %d
                relay_delay_seconds_bucket{le="0.005"} %d
                relay_delay_seconds_bucket{le="0.1"} %d
                relay_delay_seconds_bucket{le="+Inf"} %d
                relay_delay_seconds_count %d
                relay_delay_seconds_sum %f
                """.formatted(relayed, fast, count, count, count, delaySum));
    }

    private static Map<ConsumerGroup, PrometheusText> consumers(int processed, int duplicate, int deadLettered, int replayed) {
        return consumers(processed, duplicate, 0, deadLettered, replayed);
    }

    private static Map<ConsumerGroup, PrometheusText> consumers(int processed, int duplicate, int ignored, int deadLettered,
                                                                int replayed) {
        Map<ConsumerGroup, PrometheusText> texts = new EnumMap<>(ConsumerGroup.class);
        texts.put(ConsumerGroup.EMAIL, PrometheusText.parse(events(processed, duplicate, deadLettered, replayed)
                + "checkout_consumer_events_total{outcome=\"ignored\"} %d\n".formatted(ignored)
                + "checkout_consumer_dlt_parked{service=\"email-service\"} %d\n".formatted(deadLettered - replayed)));
        // These tests look at the email group; the other two answer with steady counters.
        texts.put(ConsumerGroup.INVENTORY, PrometheusText.parse(events(1_000, 0, 0, 0)));
        texts.put(ConsumerGroup.ANALYTICS, PrometheusText.parse(events(1_000, 0, 0, 0)));
        return texts;
    }

    private static String events(int processed, int duplicate, int deadLettered, int replayed) {
        return """
                checkout_consumer_events_total{outcome="processed"} %d
                checkout_consumer_events_total{outcome="duplicate"} %d
                checkout_consumer_events_total{outcome="dead_lettered"} %d
                checkout_consumer_events_total{outcome="replayed"} %d
                checkout_consumer_events_total{outcome="retried"} 77
                """.formatted(processed, duplicate, deadLettered, replayed);
    }

    private static ConsoleProperties defaults() {
        return new Binder(new MapConfigurationPropertySource(Map.of("checkout.console.timeout", "1s")))
                .bindOrCreate("checkout.console", ConsoleProperties.class);
    }
}
