package com.example.checkout.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.example.checkout.events.EventJson.UnreadableEvent;
import com.example.checkout.events.OrderPlaced.OrderLine;

class EventJsonTests {

    private final OrderPlaced event = new OrderPlaced(UUID.randomUUID(), "c-42", "ada@example.com",
            List.of(new OrderLine("SKU-001", "Espresso cup", 2, 1250)), 2500, "EUR",
            Instant.parse("2026-11-22T10:15:30Z"));

    @Test
    void anEventSurvivesTheRoundTrip() {
        String json = EventJson.write(event);

        assertThat(json).contains("\"placedAt\":\"2026-11-22T10:15:30Z\"");
        assertThat(EventJson.read(json.getBytes(StandardCharsets.UTF_8), OrderPlaced.TYPE)).isEqualTo(event);
    }

    @Test
    void invalidJsonIsAnUnreadableEvent() {
        assertThatThrownBy(() -> EventJson.read("{not json".getBytes(StandardCharsets.UTF_8), OrderPlaced.TYPE))
                .isInstanceOf(UnreadableEvent.class);
    }

    @Test
    void anEventMissingARequiredFieldIsUnreadable() {
        assertThatThrownBy(() -> EventJson.read("{\"customerId\":\"c-1\"}", OrderPlaced.class))
                .isInstanceOf(UnreadableEvent.class);
    }

    @Test
    void anUnknownTypeIsUnreadable() {
        assertThatThrownBy(() -> EventJson.read(EventJson.write(event).getBytes(StandardCharsets.UTF_8),
                "com.example.checkout.order.OrderPlaced.v99"))
                .isInstanceOf(UnreadableEvent.class)
                .hasMessageContaining("unknown event type");
    }

    @Test
    void theKeyAndSubjectAreTheOrderId() {
        assertThat(event.subject()).isEqualTo(event.orderId().toString());
        assertThat(event.type()).isEqualTo("com.example.checkout.order.OrderPlaced.v1");
    }

    @Test
    void aRejectionWritesOnlyItsLinesReasonsNotTheJoinedOne() {
        StockReservationRejected rejected = new StockReservationRejected(event.orderId(),
                List.of(new StockReservationRejected.RejectedLine("SKU-001", 2, "only 1 of SKU-001 available, 2 ordered")),
                Instant.parse("2026-12-02T01:00:00Z"));

        String json = EventJson.write(rejected);

        assertThat(json).doesNotContain("\"reason\":\"only 1 of SKU-001 available, 2 ordered\",\"rejectedAt\"");
        assertThat(EventJson.read(json, StockReservationRejected.class)).isEqualTo(rejected);
        assertThat(rejected.reason()).isEqualTo("only 1 of SKU-001 available, 2 ordered");
    }
}
