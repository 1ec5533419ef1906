package com.example.checkout.console.deadletter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.stream.LongStream;

import com.example.checkout.console.system.ConsumerGroup;
import com.example.checkout.console.ConsoleApplication;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.web.client.HttpClientErrorException;

@WebMvcTest(controllers = DeadLetterController.class, properties = ConsoleApplication.CONFIG)
class DeadLetterControllerTests {

    @Autowired
    MockMvcTester mvc;

    @MockitoBean
    DeadLetterAdmin admin;

    @Test
    void aGroupsDeadLettersAreListedAPageAtATimeWithReasonAndAttempts() {
        // given a page of 20 parked records after the first 20, with more to come
        given(admin.parked(ConsumerGroup.EMAIL, DeadLetterController.PAGE_SIZE, 20L)).willReturn(new DeadLetterAdmin.Page(
                LongStream.rangeClosed(21, 40).mapToObj(DeadLetterControllerTests::letter).toList(), 40L));

        // when / then
        assertThat(mvc.get().uri("/dead-letters?group=email-service&cursor=20")).hasStatusOk().bodyText()
                .contains("data-dead-letter=\"21\"", "data-dead-letter=\"40\"", "Mail server connection failed",
                        "aria-label=\"Replay dead letter 21\"", "cursor=40", "first page")
                .doesNotContain("data-dead-letter=\"20\"");
    }

    @Test
    void replayingOneRedirectsBackAndSaysWhatHappened() {
        // given
        given(admin.replay(ConsumerGroup.INVENTORY, 7)).willReturn(new DeadLetterAdmin.ReplayResult(1, 0, 3L));

        // when
        var replay = mvc.post().uri("/dead-letters/inventory-service/7/replay");

        // then
        assertThat(replay).hasStatus(HttpStatus.FOUND).hasRedirectedUrl("/dead-letters?group=inventory-service")
                .flash().containsEntry("message", "Replayed dead letter 7 of inventory-service: 1 done, 0 still failing, 3 still parked.");
    }

    @Test
    void refusedCredentialsAreNamedNotHidden() {
        // given the consumer wants other credentials
        given(admin.replayAll(ConsumerGroup.ANALYTICS)).willThrow(HttpClientErrorException.create(HttpStatus.UNAUTHORIZED,
                "Unauthorized", HttpHeaders.EMPTY, new byte[0], StandardCharsets.UTF_8));

        // when / then
        assertThat(mvc.post().uri("/dead-letters/analytics-service/replay")).hasStatus(HttpStatus.FOUND)
                .flash().containsEntry("error", "Replay of every parked record failed: analytics-service refused the "
                        + "console's admin credentials (checkout.console.admin.*)");
    }

    @Test
    void anUnknownGroupIs404() {
        assertThat(mvc.get().uri("/dead-letters?group=payments")).hasStatus(HttpStatus.NOT_FOUND);
        assertThat(mvc.post().uri("/dead-letters/payments/1/replay")).hasStatus(HttpStatus.NOT_FOUND);
    }

    private static DeadLetterAdmin.DeadLetter letter(long id) {
        return new DeadLetterAdmin.DeadLetter(id, "orders.email-service.dlt", 0, id, "order-" + id, "event-" + id,
                "com.example.checkout.order.OrderPlaced.v1", "Mail server connection failed", "MailSendException", 6,
                Instant.parse("2026-12-02T10:00:00Z"));
    }
}
