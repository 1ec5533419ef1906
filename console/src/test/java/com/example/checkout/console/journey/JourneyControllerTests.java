package com.example.checkout.console.journey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import com.example.checkout.console.journey.Journey.State;
import com.example.checkout.console.journey.Journey.Step;
import com.example.checkout.console.ConsoleApplication;
import com.example.checkout.console.system.ConsoleProperties;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.HttpStatus;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

@WebMvcTest(controllers = JourneyController.class, properties = {ConsoleApplication.CONFIG,
        "checkout.console.trace-url=http://zipkin.test/zipkin/traces/{traceId}"})
@EnableConfigurationProperties(ConsoleProperties.class)
class JourneyControllerTests {

    private static final UUID ID = UUID.fromString("0b3c1f6e-8f2a-4d6e-9c1b-2f4a6b8c0d1e");
    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final Instant PLACED = Instant.parse("2026-12-02T10:00:00Z");

    @Autowired
    MockMvcTester mvc;

    @MockitoBean
    OrderJourneys journeys;

    @MockitoBean
    RecentOrders recent;

    @Test
    void aJourneyShowsEveryStepWithItsStateAndKeepsPollingUntilComplete() {
        // given an order whose email is still waiting
        given(journeys.journey(ID)).willReturn(Optional.of(journey(State.WAITING)));

        // when / then
        assertThat(mvc.get().uri("/orders/{id}?key=k-1", ID)).hasStatusOk().bodyText()
                .contains("data-step=\"placed\" data-state=\"DONE\"", "data-step=\"email\" data-state=\"WAITING\"",
                        "hx-trigger=\"every 1s\"", "Idempotency-Key", "k-1", "+40 ms");
    }

    @Test
    void everyStepThatHappenedLinksToTheCheckoutsTrace() {
        // given a sampled checkout whose email is still waiting
        given(journeys.journey(ID)).willReturn(Optional.of(journey(State.WAITING, TRACE_ID)));

        // when / then placed and stock link to the trace; the waiting email has nothing to show yet
        assertThat(mvc.get().uri("/orders/{id}", ID)).hasStatusOk().bodyText()
                .contains("href=\"http://zipkin.test/zipkin/traces/" + TRACE_ID + "\"", "aria-label=\"Trace of Placed\"",
                        "aria-label=\"Trace of Stock reserved\"")
                .doesNotContain("aria-label=\"Trace of Confirmation email sent\"");
    }

    @Test
    void anOrderWithoutATraceLinksNone() {
        given(journeys.journey(ID)).willReturn(Optional.of(journey(State.DONE, null)));

        assertThat(mvc.get().uri("/orders/{id}/timeline", ID)).hasStatusOk().bodyText()
                .contains("data-step=\"placed\"").doesNotContain("class=\"trace\"", "zipkin.test");
    }

    @Test
    void aCompleteTimelineFragmentStopsPolling() {
        // given
        given(journeys.journey(ID)).willReturn(Optional.of(journey(State.DONE)));

        // when / then the fragment alone, without the trigger that would poll again
        assertThat(mvc.get().uri("/orders/{id}/timeline", ID)).hasStatusOk().bodyText()
                .contains("data-complete=\"true\"").doesNotContain("hx-trigger", "<html");
    }

    @Test
    void anUnknownOrderIs404AndSomethingThatIsNoOrderIdIs400() {
        given(journeys.journey(ID)).willReturn(Optional.empty());

        assertThat(mvc.get().uri("/orders/{id}", ID)).hasStatus(HttpStatus.NOT_FOUND);
        assertThat(mvc.get().uri("/orders/not-an-id")).hasStatus(HttpStatus.BAD_REQUEST);
    }

    @Test
    void searchingByIdGoesToTheJourneyAndAMistypedIdIsNamed() {
        given(recent.latest()).willReturn(List.of(new RecentOrders.Recent(ID.toString(), PLACED, 4980)));

        assertThat(mvc.get().uri("/orders?id= {id} ", ID)).hasStatus(HttpStatus.FOUND).hasRedirectedUrl("/orders/" + ID);
        assertThat(mvc.get().uri("/orders?id=12345")).hasStatusOk().bodyText()
                .contains("is not an order id", "aria-invalid=\"true\"", ID.toString(), "EUR 49.80");
    }

    private static Journey journey(State email) {
        return journey(email, null);
    }

    private static Journey journey(State email, @Nullable String traceId) {
        Journey.Order order = new Journey.Order(ID.toString(), "c-42", "ada@example.com", "PLACED", 4980, "EUR", PLACED,
                List.of(new Journey.Order.Line("SKU-001", "Espresso Beans, 1 kg", 2, 2490)), null, List.of(), traceId);
        return new Journey(order, List.of(
                new Step("placed", "Placed", State.DONE, PLACED, "1 line(s)"),
                new Step("email", "Confirmation email sent", email, email == State.DONE ? PLACED.plusMillis(40) : null, "…"),
                new Step("stock", "Stock reserved", State.DONE, PLACED.plusMillis(40), "2 × SKU-001")));
    }
}
