package com.example.checkout.console.journey;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import com.example.checkout.console.journey.Journey.State;
import com.example.checkout.console.journey.OrderJourneys.Answer;
import com.example.checkout.console.journey.OrderJourneys.CountedSale;
import com.example.checkout.console.journey.OrderJourneys.Reservation;
import com.example.checkout.console.journey.OrderJourneys.SentEmail;
import org.junit.jupiter.api.Test;

class OrderJourneysTests {

    private static final Instant PLACED = Instant.parse("2026-12-02T10:00:00Z");
    private static final String ID = "0b3c1f6e-8f2a-4d6e-9c1b-2f4a6b8c0d1e";

    private static final List<Journey.Order.Line> LINES = List.of(
            new Journey.Order.Line("SKU-001", "Espresso Beans, 1 kg", 2, 2490),
            new Journey.Order.Line("SKU-005", "Paper Filters, 100 pcs", 2, 500));

    private final Journey.Order order = order("PLACED", null, List.of());

    @Test
    void everyStepIsDoneWithTheTimeItsServiceRecordedAndTheRelayIsProvenByTheFirstConsumer() {
        // given what the three consumers answer, and order-service confirmed the order
        Journey.Order confirmed = order("CONFIRMED", null, List.of(new Journey.Order.TimelineEntry("CONFIRMED", PLACED.plusMillis(60), null)));
        Answer<List<SentEmail>> emails = Answer.of(List.of(new SentEmail(OrderJourneys.CONFIRMATION, "ada@example.com",
                "Your order", "<e@x>", PLACED.plusMillis(40))));
        Answer<List<Reservation>> reservations = Answer.of(List.of(
                new Reservation("SKU-001", 2, "RESERVED", null, PLACED.plusMillis(25)),
                new Reservation("SKU-005", 2, "RESERVED", null, PLACED.plusMillis(26))));
        Answer<CountedSale> sale = Answer.of(new CountedSale(ID, 5980, PLACED.plusMillis(30)));

        // when
        Journey journey = OrderJourneys.steps(confirmed, emails, reservations, sale);

        // then
        assertThat(journey.steps()).extracting(Journey.Step::id)
                .containsExactly("placed", "relayed", "email", "stock", "sale", "outcome");
        assertThat(journey.steps()).allSatisfy(step -> assertThat(step.state()).isEqualTo(State.DONE));
        // the stock step (all lines reserved at +26 ms) is the earliest consumer step
        assertThat(journey.steps().get(1).at()).isEqualTo(PLACED.plusMillis(26));
        assertThat(journey.steps().get(3).millisAfter(PLACED)).isEqualTo(26);
        assertThat(journey.steps().getLast().at()).isEqualTo(PLACED.plusMillis(60));
        assertThat(journey.complete()).isTrue();
    }

    @Test
    void aMissingEmailIsWaitingAnUnreachableServiceIsUnknownAndTheJourneyIsNotComplete() {
        // given SMTP is down (no email yet), inventory does not answer, analytics has not counted the order
        Answer<List<SentEmail>> emails = Answer.of(List.of());
        Answer<List<Reservation>> reservations = new Answer<>(null, true, false);
        Answer<CountedSale> sale = new Answer<>(null, true, true);

        // when
        Journey journey = OrderJourneys.steps(order, emails, reservations, sale);

        // then
        assertThat(journey.steps()).extracting(Journey.Step::state)
                .containsExactly(State.DONE, State.WAITING, State.WAITING, State.UNKNOWN, State.WAITING, State.WAITING);
        assertThat(journey.complete()).isFalse();
    }

    @Test
    void aRejectedReservationFailsTheStockStepAndACancelledOrderIsRefundedAndToldWithoutAConfirmation() {
        // given order-service cancelled and refunded the order, and the cancellation went out before any confirmation
        Journey.Order cancelled = order("CANCELLED", "out of stock: SKU-005", List.of(
                new Journey.Order.TimelineEntry("STOCK_REJECTED", PLACED.plusMillis(30), null),
                new Journey.Order.TimelineEntry("REFUNDED", PLACED.plusMillis(50), "refund r-1"),
                new Journey.Order.TimelineEntry("CANCELLED", PLACED.plusMillis(51), null)));
        Answer<List<SentEmail>> emails = Answer.of(List.of(new SentEmail(OrderJourneys.CANCELLATION, "ada@example.com",
                "Your order is cancelled", "<c@x>", PLACED.plusMillis(70))));
        Answer<List<Reservation>> reservations = Answer.of(List.of(
                new Reservation("SKU-001", 2, "RESERVED", null, PLACED.plusMillis(25)),
                new Reservation("SKU-005", 2, "REJECTED", "only 1 in stock", PLACED.plusMillis(26))));

        // when
        Journey journey = OrderJourneys.steps(cancelled, emails, reservations, new Answer<>(null, true, true));

        // then
        assertThat(journey.steps()).filteredOn(step -> step.id().equals("stock")).singleElement().satisfies(step -> {
            assertThat(step.state()).isEqualTo(State.FAILED);
            assertThat(step.detail()).contains("SKU-005: only 1 in stock");
        });
        assertThat(journey.steps()).extracting(Journey.Step::id, Journey.Step::state).containsExactly(
                org.assertj.core.groups.Tuple.tuple("placed", State.DONE),
                org.assertj.core.groups.Tuple.tuple("relayed", State.DONE),
                org.assertj.core.groups.Tuple.tuple("email", State.SKIPPED),
                org.assertj.core.groups.Tuple.tuple("stock", State.FAILED),
                org.assertj.core.groups.Tuple.tuple("sale", State.WAITING),
                org.assertj.core.groups.Tuple.tuple("refunded", State.DONE),
                org.assertj.core.groups.Tuple.tuple("outcome", State.DONE),
                org.assertj.core.groups.Tuple.tuple("cancellation-email", State.DONE));
        assertThat(journey.steps()).filteredOn(step -> step.id().equals("outcome")).singleElement()
                .satisfies(step -> assertThat(step.detail()).isEqualTo("out of stock: SKU-005"));
    }

    private static Journey.Order order(String status, String reason, List<Journey.Order.TimelineEntry> timeline) {
        return new Journey.Order(ID, "c-42", "ada@example.com", status, 5980, "EUR", PLACED, LINES, reason, timeline, null);
    }
}
