package com.example.checkout.consumer.it;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import com.example.checkout.consumer.OrderPlacedRecords;
import com.example.checkout.consumer.ServiceClient;
import com.example.checkout.events.OrderPlaced;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The DLT's admin endpoints against a real broker and Postgres: behind the admin login (health and metrics open),
 * listed a page at a time without payloads unless asked, replayed a bounded number per call with what remains
 * reported, every replay audited with who asked.
 */
class DeadLetterAdminIntegrationTests extends TestConsumerIntegrationTest {

    private static final Duration PROCESSING = Duration.ofSeconds(60);
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @BeforeEach
    void emptyTables() {
        TestConsumer.clearTables(jdbc);
    }

    @AfterEach
    void acceptEveryone() {
        RecordingHandler.rejected.clear();
    }

    @Test
    void theAdminEndpointsAnswer401ProblemJsonWithoutTheAdminLoginAndHealthAndMetricsStayOpen() throws Exception {
        // when
        HttpResponse<String> anonymous = send("GET", "/dlt", null);
        HttpResponse<String> wrongPassword = send("GET", "/dlt", "operator:guess");
        HttpResponse<String> anonymousReplay = send("POST", "/dlt/replay", null);
        HttpResponse<String> operator = send("GET", "/dlt", "operator:s3cret");

        // then
        for (HttpResponse<String> refused : List.of(anonymous, wrongPassword, anonymousReplay)) {
            assertThat(refused.statusCode()).isEqualTo(401);
            assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/problem+json"));
            assertThat(refused.headers().firstValue("WWW-Authenticate")).hasValue("Basic realm=\"checkout admin\"");
            assertThat(JSON.readTree(refused.body()).get("status").asInt()).isEqualTo(401);
        }
        assertThat(JSON.readTree(anonymousReplay.body()).get("instance").asString()).isEqualTo("/dlt/replay");
        assertThat(operator.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(operator.body()).has("items")).isTrue();
        assertThat(send("GET", "/actuator/health", null).statusCode()).isEqualTo(200);
        assertThat(send("GET", "/actuator/prometheus", null).statusCode()).isEqualTo(200);
        // Outside /dlt a login is not even looked at (no bcrypt per scrape): a wrong one is no reason to refuse.
        assertThat(send("GET", "/actuator/prometheus", "operator:guess").statusCode()).isEqualTo(200);
    }

    @Test
    void parkedRecordsAreListedAPageAtATimeWithPayloadsOnlyOnRequest() {
        // given
        RecordingHandler.rejected.add("paged@example.com");
        List<UUID> events = List.of(park("paged@example.com"), park("paged@example.com"), park("paged@example.com"));
        await().atMost(PROCESSING).until(() -> parkedCount() == 3);

        // when
        JsonNode first = admin().get("/dlt?limit=2");
        JsonNode second = admin().get("/dlt?limit=2&cursor=" + first.get("nextCursor").asLong());
        JsonNode withPayload = admin().get("/dlt?limit=1&payload=true");

        // then
        assertThat(first.get("items")).hasSize(2);
        assertThat(second.get("items")).hasSize(1);
        assertThat(second.get("nextCursor").isNull()).isTrue();
        assertThat(List.of(first.get("items").get(0), first.get("items").get(1), second.get("items").get(0)))
                .extracting(item -> UUID.fromString(item.get("eventId").asString()))
                .containsExactlyInAnyOrderElementsOf(events);
        assertThat(first.get("items").get(0).has("payload")).isFalse();
        assertThat(first.get("items").get(0).get("reason").asString()).contains("rejected customer");
        assertThat(JSON.readTree(withPayload.get("items").get(0).get("payload").asString()).get("email").asString())
                .isEqualTo("paged@example.com");
    }

    @Test
    void aPageLimitOutOfRangeIsABadRequestNamingTheField() throws Exception {
        // when
        HttpResponse<String> tooMany = send("GET", "/dlt?limit=501", "operator:s3cret");

        // then
        assertThat(tooMany.statusCode()).isEqualTo(400);
        assertThat(tooMany.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(JSON.readTree(tooMany.body()).get("errors").get(0).get("field").asString()).isEqualTo("limit");
    }

    @Test
    void replayAllReplaysABoundedBatchPerCallReportsWhatRemainsAndAuditsEachReplay() {
        // given three parked records, then the fix (the customer is accepted again)
        RecordingHandler.rejected.add("replayed@example.com");
        OrderPlaced first = TestConsumer.order("replayed@example.com");
        OrderPlaced second = TestConsumer.order("replayed@example.com");
        OrderPlaced third = TestConsumer.order("replayed@example.com");
        for (OrderPlaced order : List.of(first, second, third)) {
            OrderPlacedRecords.produce(TestConsumer.bootstrap(), order);
        }
        await().atMost(PROCESSING).until(() -> parkedCount() == 3);
        RecordingHandler.rejected.clear();

        // when (replay-batch = 2)
        JsonNode firstCall = admin().post("/dlt/replay");
        JsonNode secondCall = admin().post("/dlt/replay");

        // then
        assertThat(firstCall.get("replayed").asInt()).isEqualTo(2);
        assertThat(firstCall.get("failed").asInt()).isZero();
        assertThat(firstCall.get("remaining").asLong()).isEqualTo(1);
        assertThat(secondCall.get("replayed").asInt()).isEqualTo(1);
        assertThat(secondCall.get("remaining").asLong()).isZero();
        for (OrderPlaced order : List.of(first, second, third)) {
            assertThat(RecordingHandler.effects(jdbc, order.orderId())).isEqualTo(1);
        }
        assertThat(jdbc.sql("SELECT requested_by, outcome FROM dead_letter_replays ORDER BY id")
                .query((rs, row) -> rs.getString(1) + " " + rs.getString(2)).list())
                .containsExactly("operator REPLAYED", "operator REPLAYED", "operator REPLAYED");
    }

    @Test
    void aReplayThatFailsAgainLeavesTheRecordParkedAndIsAuditedAsFailed() {
        // given
        RecordingHandler.rejected.add("still-failing@example.com");
        park("still-failing@example.com");
        await().atMost(PROCESSING).until(() -> parkedCount() == 1);
        long id = jdbc.sql("SELECT id FROM dead_letters").query(Long.class).single();

        // when
        JsonNode result = admin().post("/dlt/" + id + "/replay");

        // then
        assertThat(result.get("replayed").asInt()).isZero();
        assertThat(result.get("failed").asInt()).isEqualTo(1);
        assertThat(result.get("remaining").asLong()).isEqualTo(1);
        assertThat(jdbc.sql("SELECT requested_by || ' ' || outcome FROM dead_letter_replays WHERE dead_letter_id = ?")
                .param(id).query(String.class).list()).containsExactly("operator FAILED");
        assertThat(jdbc.sql("SELECT reason FROM dead_letters WHERE id = ?").param(id).query(String.class).single())
                .startsWith("replay failed");
    }

    private UUID park(String email) {
        return OrderPlacedRecords.produce(TestConsumer.bootstrap(), TestConsumer.order(email));
    }

    private long parkedCount() {
        return jdbc.sql("SELECT count(*) FROM dead_letters WHERE status = 'PARKED'").query(Long.class).single();
    }

    private ServiceClient admin() {
        return ServiceClient.onPort(port).withAdmin("operator", "s3cret");
    }

    private HttpResponse<String> send(String method, String path, String login) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (login != null) {
            request.header("Authorization",
                    "Basic " + Base64.getEncoder().encodeToString(login.getBytes(StandardCharsets.UTF_8)));
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
