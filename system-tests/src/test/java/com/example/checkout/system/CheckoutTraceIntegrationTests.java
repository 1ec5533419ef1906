package com.example.checkout.system;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;

import com.example.checkout.infrastructure.Infrastructure;
import com.example.checkout.infrastructure.SharedInfrastructure;
import com.example.checkout.services.SystemService;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static com.example.checkout.system.CollectedSpans.attribute;
import static com.example.checkout.system.CollectedSpans.service;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One checkout is one trace: the request's span in order-service, the outbox row's "create" span, the relay's
 * "send" span and each consumer group's "process" span — also through retries, the DLT and a replay — all with the
 * trace id of the caller's {@code traceparent}, and every service's log lines of that checkout carry it. The
 * services run in this JVM as in the demo, each with its own OpenTelemetry SDK exporting to one in-memory collector.
 */
@ExtendWith(OutputCaptureExtension.class)
class CheckoutTraceIntegrationTests {

    private static final Infrastructure INFRASTRUCTURE = SharedInfrastructure.get();
    private static final Duration PROCESSING = Duration.ofSeconds(90);
    private static final CollectedSpans SPANS = new CollectedSpans();
    private static final RunningServices SERVICES = new RunningServices(INFRASTRUCTURE).withBean("collectedSpans", SPANS);
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String CALLERS_SPAN_ID = "00f067aa0ba902b7";

    @BeforeAll
    static void startTheSystem() {
        SERVICES.start(Map.of(
                        // Retries and the DLT are what these traces are about; an outage would pause the group instead.
                        "checkout.consumer.outage.enabled", "false",
                        // Spans reach the collector within a moment rather than every 5 s.
                        "management.opentelemetry.tracing.export.schedule-delay", "50ms",
                        // The one line per event each service logs at DEBUG: where the trace id must show.
                        "logging.level.com.example.checkout.order.outbox", "DEBUG",
                        "logging.level.com.example.checkout.relay.streaming.RelayTracing", "DEBUG",
                        "logging.level.com.example.checkout.consumer.IdempotentProcessor", "DEBUG"),
                SystemService.ORDER, SystemService.RELAY, SystemService.EMAIL, SystemService.INVENTORY, SystemService.ANALYTICS);
    }

    @AfterAll
    static void stopTheSystem() {
        SERVICES.close();
    }

    @AfterEach
    void mailIsBack() {
        if (!INFRASTRUCTURE.smtp().isRunning()) {
            INFRASTRUCTURE.smtp().start();
        }
    }

    @Test
    void oneCheckoutIsOneTraceFromTheRequestThroughTheRelayToEveryConsumer(CapturedOutput output) {
        // given
        String traceId = newTraceId();

        // when
        UUID orderId = checkout(traceId);

        // then: one process span per consumer group, in the caller's trace
        await().atMost(PROCESSING).until(() -> processSpans(SPANS.ofTrace(traceId), "orders").size() == 3);
        List<SpanData> trace = SPANS.ofTrace(traceId);
        SpanData request = single(trace, span -> span.getKind() == SpanKind.SERVER
                && service(span).equals("order-service"));
        assertThat(request.getParentSpanId()).isEqualTo(CALLERS_SPAN_ID);

        SpanData create = single(trace, span -> span.getName().equals("create orders"));
        assertThat(service(create)).isEqualTo("order-service");
        assertThat(create.getKind()).isEqualTo(SpanKind.PRODUCER);
        assertThat(create.getParentSpanId()).isEqualTo(request.getSpanId());
        assertMessaging(create, "create", "orders");
        assertThat(attribute(create, "messaging.kafka.message.key")).isEqualTo(orderId.toString());
        String eventId = attribute(create, "messaging.message.id");

        SpanData send = single(trace, span -> span.getName().equals("send orders"));
        assertThat(service(send)).isEqualTo("outbox-relay");
        assertThat(send.getKind()).isEqualTo(SpanKind.PRODUCER);
        assertThat(send.getParentSpanId()).isEqualTo(create.getSpanId());
        assertMessaging(send, "send", "orders");
        assertThat(attribute(send, "messaging.message.id")).isEqualTo(eventId);
        assertThat(attribute(send, "messaging.destination.partition.id")).isNotBlank();

        List<SpanData> processing = processSpans(trace, "orders");
        assertThat(processing).extracting(CollectedSpans::service)
                .containsExactlyInAnyOrder("email-service", "inventory-service", "analytics-service");
        assertThat(processing).allSatisfy(process -> {
            assertThat(process.getKind()).isEqualTo(SpanKind.CONSUMER);
            assertThat(process.getParentSpanId()).isEqualTo(send.getSpanId());
            assertMessaging(process, "process", "orders");
            assertThat(attribute(process, "messaging.consumer.group.name")).isEqualTo(service(process));
            assertThat(attribute(process, "messaging.message.id")).isEqualTo(eventId);
            assertThat(attribute(process, "messaging.kafka.message.key")).isEqualTo(orderId.toString());
            assertThat(process.getStatus().getStatusCode()).isNotEqualTo(StatusCode.ERROR);
        });

        // and the log lines of this checkout in every service carry its trace id
        assertThat(linesWith(output, traceId))
                .anyMatch(line -> line.contains("OutboxEventWriter") && line.contains(orderId.toString()))
                .anyMatch(line -> line.contains("RelayTracing") && line.contains("Relayed"))
                .anyMatch(line -> line.contains(eventId) && line.contains("SendConfirmationOnOrderPlaced"))
                .anyMatch(line -> line.contains(eventId) && line.contains("ReserveStockOnOrderPlaced"))
                .anyMatch(line -> line.contains(eventId) && line.contains("CountSaleOnOrderPlaced"));
    }

    @Test
    void aRecordRetriedTwiceAndThenProcessedStaysInItsTrace() {
        // given: the mail server is down, so the email group's attempts fail
        String traceId = newTraceId();
        INFRASTRUCTURE.smtp().stop();

        // when: the first delivery and the first retry have failed, the mail server comes back
        UUID orderId = checkout(traceId);
        await().atMost(PROCESSING).until(() -> !emailProcessSpans(traceId, "orders.email-service.retry-0").isEmpty());
        INFRASTRUCTURE.smtp().start();
        await().atMost(PROCESSING).until(() -> SERVICES.mailsAbout(orderId) == 1);

        // then: every attempt is a span of the one trace, each a child of the send that forwarded it there
        await().atMost(PROCESSING).untilAsserted(() -> assertThat(SPANS.ofTrace(traceId))
                .anyMatch(span -> service(span).equals("email-service") && span.getName().startsWith("process")
                        && span.getStatus().getStatusCode() != StatusCode.ERROR));
        List<SpanData> trace = SPANS.ofTrace(traceId);
        List<SpanData> attempts = trace.stream()
                .filter(span -> service(span).equals("email-service") && span.getName().startsWith("process "))
                .toList();
        assertThat(attempts).hasSizeGreaterThanOrEqualTo(3);
        assertThat(attempts).filteredOn(span -> span.getStatus().getStatusCode() == StatusCode.ERROR)
                .hasSize(attempts.size() - 1);
        for (int retry = 0; retry < attempts.size() - 1; retry++) {
            String topic = "orders.email-service.retry-" + retry;
            SpanData forwarded = single(trace, span -> span.getName().equals("send " + topic));
            assertThat(service(forwarded)).isEqualTo("email-service");
            assertMessaging(forwarded, "send", topic);
            SpanData attempt = single(attempts, span -> span.getName().equals("process " + topic));
            assertThat(attempt.getParentSpanId()).isEqualTo(forwarded.getSpanId());
            // the retry topic's own Kafka consumer group, named after the group by spring-kafka
            assertThat(attribute(attempt, "messaging.consumer.group.name")).startsWith("email-service");
        }
    }

    @Test
    void aDeadLetteredRecordAndItsReplayStayInItsTrace() {
        // given: the mail server is down for every attempt, so the record is parked on the email group's DLT
        String traceId = newTraceId();
        INFRASTRUCTURE.smtp().stop();
        UUID orderId = checkout(traceId);
        JsonNode parked = await().atMost(PROCESSING).until(() -> deadLetterOf(orderId), letter -> letter != null);
        INFRASTRUCTURE.smtp().start();

        // when: an operator replays it
        SERVICES.api(SystemService.EMAIL).post("/dlt/" + parked.get("id").asLong() + "/replay");

        // then: parking and replay are in the checkout's trace; the replay links to the operator's request
        await().atMost(PROCESSING).until(() -> SERVICES.mailsAbout(orderId) == 1);
        String dlt = "orders.email-service.dlt";
        await().atMost(PROCESSING).until(() -> SPANS.ofTrace(traceId).stream()
                .anyMatch(span -> "true".equals(attribute(span, "checkout.replay"))));
        List<SpanData> trace = SPANS.ofTrace(traceId);
        SpanData sentToDlt = single(trace, span -> span.getName().equals("send " + dlt));
        SpanData parking = single(trace, span -> span.getName().equals("process " + dlt) && span.getKind() == SpanKind.CONSUMER
                && attribute(span, "checkout.replay") == null);
        assertThat(parking.getParentSpanId()).isEqualTo(sentToDlt.getSpanId());
        SpanData replay = single(trace, span -> "true".equals(attribute(span, "checkout.replay")));
        assertThat(service(replay)).isEqualTo("email-service");
        assertThat(replay.getName()).isEqualTo("process " + dlt);
        assertThat(replay.getParentSpanId()).isEqualTo(sentToDlt.getSpanId());
        assertThat(attribute(replay, "messaging.consumer.group.name")).isEqualTo("email-service");
        assertThat(replay.getStatus().getStatusCode()).isNotEqualTo(StatusCode.ERROR);
        assertThat(replay.getLinks()).singleElement()
                .satisfies(link -> assertThat(link.getSpanContext().getTraceId()).isNotEqualTo(traceId));
    }

    private static String newTraceId() {
        byte[] id = new byte[16];
        ThreadLocalRandom.current().nextBytes(id);
        id[0] |= 1; // never all zero
        return HexFormat.of().formatHex(id);
    }

    /** {@code POST /checkout} in the caller's trace {@code traceId}; the order id of the {@code 201}. */
    private static UUID checkout(String traceId) {
        int port = Integer.parseInt(SERVICES.context(SystemService.ORDER).getEnvironment().getRequiredProperty("local.server.port"));
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/checkout"))
                .header("Content-Type", "application/json")
                .header("traceparent", "00-" + traceId + "-" + CALLERS_SPAN_ID + "-01")
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"customerId":"c-%s","email":"trace@example.com","items":[{"sku":"SKU-009","quantity":1}],
                         "paymentToken":"tok_ok"}""".formatted(UUID.randomUUID())))
                .build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
            return UUID.fromString(JsonMapper.shared().readTree(response.body()).get("orderId").asString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode deadLetterOf(UUID orderId) {
        for (JsonNode letter : SERVICES.api(SystemService.EMAIL).parked()) {
            if (orderId.toString().equals(letter.path("key").asString())) {
                return letter;
            }
        }
        return null;
    }

    private static List<SpanData> processSpans(List<SpanData> trace, String topic) {
        return trace.stream().filter(span -> span.getName().equals("process " + topic)).toList();
    }

    private static List<SpanData> emailProcessSpans(String traceId, String topic) {
        return processSpans(SPANS.ofTrace(traceId), topic).stream()
                .filter(span -> service(span).equals("email-service")).toList();
    }

    private static SpanData single(List<SpanData> spans, Predicate<SpanData> which) {
        List<SpanData> matching = spans.stream().filter(which).toList();
        assertThat(matching).as("matching spans among %s", spans.stream().map(SpanData::getName).toList()).hasSize(1);
        return matching.getFirst();
    }

    private static void assertMessaging(SpanData span, String operation, String destination) {
        assertThat(span.getAttributes().asMap()).as(span.getName())
                .containsEntry(AttributeKey.stringKey("messaging.system"), "kafka")
                .containsEntry(AttributeKey.stringKey("messaging.operation.name"), operation)
                .containsEntry(AttributeKey.stringKey("messaging.operation.type"), operation)
                .containsEntry(AttributeKey.stringKey("messaging.destination.name"), destination);
    }

    private static List<String> linesWith(CapturedOutput output, String traceId) {
        return output.getAll().lines().filter(line -> line.contains(traceId)).toList();
    }
}
