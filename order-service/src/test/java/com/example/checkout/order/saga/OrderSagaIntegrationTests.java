package com.example.checkout.order.saga;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.example.checkout.consumer.EventRecords;
import com.example.checkout.consumer.IdempotentProcessor;
import com.example.checkout.consumer.IdempotentProcessor.Outcome;
import com.example.checkout.consumer.ReceivedEvent;
import com.example.checkout.events.EventHeaders;
import com.example.checkout.events.EventJson;
import com.example.checkout.events.OrderCancelled;
import com.example.checkout.events.OrderConfirmed;
import com.example.checkout.events.StockReservationRejected;
import com.example.checkout.events.StockReservationRejected.RejectedLine;
import com.example.checkout.events.StockReserved;
import com.example.checkout.events.StockReserved.ReservedLine;
import com.example.checkout.events.Topics;
import com.example.checkout.infrastructure.SharedInfrastructure;
import com.example.checkout.order.Checkouts;
import com.example.checkout.order.OrderApi;
import com.example.checkout.order.OrderServiceIntegrationTest;
import com.example.checkout.order.payment.SimulatedPaymentGateway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The order service as a consumer of inventory's outcomes, against the real broker and Postgres: inventory's events
 * are produced to {@code inventory} exactly as the relay streams them from inventory's outbox.
 */
class OrderSagaIntegrationTests extends OrderServiceIntegrationTest {

    private static final Duration PROCESSING = Duration.ofSeconds(60);

    @Autowired
    SimulatedPaymentGateway gateway;

    @Autowired
    IdempotentProcessor processor;

    @Test
    void theSagasDeadLettersNeedTheAdminLoginWhileTheShopperApiStaysOpen() {
        // when
        HttpResponse<String> anonymous = api().get("/dlt");

        // then
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(api().getAsAdmin("/dlt").statusCode()).isEqualTo(200);
        assertThat(api().get("/catalog").statusCode()).isEqualTo(200);
        assertThat(api().get("/orders/" + placeOrder()).statusCode()).isEqualTo(200);
        assertThat(api().get("/actuator/health").statusCode()).isEqualTo(200);
    }

    @Test
    void anOrderWhoseStockIsReservedIsConfirmedAndAnnouncesIt() {
        // given
        UUID orderId = placeOrder();

        // when
        EventRecords.produce(bootstrap(), Topics.INVENTORY, reserved(orderId));

        // then
        await().atMost(PROCESSING).until(() -> "CONFIRMED".equals(order(orderId).get("status").asString()));
        JsonNode order = order(orderId);
        assertThat(steps(order)).containsExactly("PLACED", "STOCK_RESERVED", "CONFIRMED");
        assertThat(order.get("cancellationReason").isNull()).isTrue();
        assertThat(outbox(orderId, OrderConfirmed.TYPE)).singleElement()
                .satisfies(json -> assertThat(EventJson.read(json, OrderConfirmed.class).totalCents())
                        .isEqualTo(order.get("totalCents").asLong()));
    }

    @Test
    void anOrderWhoseStockIsRejectedIsRefundedOnceThenCancelledWithTheReason() {
        // given
        UUID orderId = placeOrder();
        int refundsBefore = gateway.refunds();

        // when
        EventRecords.produce(bootstrap(), Topics.INVENTORY, rejected(orderId));

        // then: refunded on the provider, recorded, cancelled, announced — and the timeline tells it in order
        await().atMost(PROCESSING).until(() -> "CANCELLED".equals(order(orderId).get("status").asString()));
        JsonNode order = order(orderId);
        assertThat(order.get("cancellationReason").asString()).isEqualTo("out of stock: only 0 of SKU-001 available, 2 ordered");
        assertThat(steps(order)).containsExactly("PLACED", "STOCK_REJECTED", "REFUNDED", "CANCELLED");
        assertThat(gateway.refunds()).isEqualTo(refundsBefore + 1);
        Map<String, Object> refund = database.sql("SELECT * FROM refunds WHERE order_id = ?").param(orderId).query().singleRow();
        assertThat(refund).containsEntry("status", "REFUNDED").containsEntry("idempotency_key", "refund-order-" + orderId)
                .containsEntry("amount_cents", order.get("totalCents").asLong());
        assertThat(outbox(orderId, OrderCancelled.TYPE)).singleElement().satisfies(json -> {
            OrderCancelled cancelled = EventJson.read(json, OrderCancelled.class);
            assertThat(cancelled.refundReference()).isEqualTo(refund.get("provider_reference"));
            assertThat(cancelled.refundedCents()).isEqualTo(order.get("totalCents").asLong());
            assertThat(cancelled.lines()).singleElement().satisfies(line -> assertThat(line.quantity()).isEqualTo(2));
            assertThat(cancelled.reason()).isEqualTo(order.get("cancellationReason").asString());
        });
    }

    @Test
    void theSameRejectionDeliveredTwiceAtOnceAndAgainUnderAnotherIdRefundsAndCancelsOnce() throws Exception {
        // given
        UUID orderId = placeOrder();
        int refundsBefore = gateway.refunds();
        StockReservationRejected rejection = rejected(orderId);
        UUID eventId = UUID.randomUUID();

        // when: two consumers handle the same record at the same moment (a rebalance's double delivery)
        CountDownLatch start = new CountDownLatch(1);
        try (ExecutorService consumers = Executors.newFixedThreadPool(2)) {
            List<CompletableFuture<Outcome>> outcomes = List.of(0, 1).stream()
                    .map(n -> CompletableFuture.supplyAsync(() -> {
                        awaitStart(start);
                        return processor.process(received(rejection, eventId, n));
                    }, consumers))
                    .toList();
            start.countDown();
            // then: one processed it, the other found it processed
            assertThat(outcomes.stream().map(CompletableFuture::join)).containsExactlyInAnyOrder(Outcome.PROCESSED, Outcome.DUPLICATE);
        }

        // and when: inventory's outcome arrives once more, under another event id
        UUID again = EventRecords.produce(bootstrap(), Topics.INVENTORY, rejection);

        // then: still one refund, one cancellation
        await().atMost(PROCESSING).until(() -> processed(again));
        assertThat(gateway.refunds()).isEqualTo(refundsBefore + 1);
        assertThat(outbox(orderId, OrderCancelled.TYPE)).hasSize(1);
        assertThat(steps(order(orderId))).containsExactly("PLACED", "STOCK_REJECTED", "REFUNDED", "CANCELLED");
    }

    @Test
    void aRefundWhoseRecordingKeepsFailingIsParkedAndItsReplayRefundsOnceWithTheSameKey() {
        // given: recording this order's refund fails — after the provider refunded (claim, call, record: the record fails)
        UUID orderId = placeOrder();
        int refundsBefore = gateway.refunds();
        UUID eventId;
        database.sql("""
                CREATE FUNCTION fail_refund_record() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                  RAISE EXCEPTION 'simulated failure while recording the refund';
                END $$""").update();
        database.sql("""
                CREATE TRIGGER refund_record_fails BEFORE UPDATE ON refunds
                FOR EACH ROW WHEN (NEW.order_id = '%s') EXECUTE FUNCTION fail_refund_record()""".formatted(orderId))
                .update();
        try {
            // when: every delivery fails, and the record lands on the group's DLT
            eventId = EventRecords.produce(bootstrap(), Topics.INVENTORY, rejected(orderId));
            await().atMost(PROCESSING).until(() -> deadLetter(eventId) != null);

            // then: the claim is on record, the order still PLACED, nothing announced
            assertThat(database.sql("SELECT status FROM refunds WHERE order_id = ?").param(orderId).query(String.class)
                    .single()).isEqualTo("REQUESTED");
            assertThat(order(orderId).get("status").asString()).isEqualTo("PLACED");
            assertThat(outbox(orderId, OrderCancelled.TYPE)).isEmpty();
        } finally {
            database.sql("DROP TRIGGER refund_record_fails ON refunds").update();
            database.sql("DROP FUNCTION fail_refund_record()").update();
        }

        // when: the fault is gone and the operator replays the dead letter (twice)
        long parkedId = deadLetter(eventId).get("id").asLong();
        HttpResponse<String> replay = replay(parkedId);
        HttpResponse<String> again = replay(parkedId);

        // then: every attempt called the provider with the same key, so there is one refund, and the order is cancelled
        assertThat(replay.statusCode()).as(replay.body()).isEqualTo(200);
        assertThat(again.statusCode()).isLessThan(500);
        assertThat(deadLetter(eventId)).isNull();
        assertThat(order(orderId).get("status").asString()).isEqualTo("CANCELLED");
        assertThat(gateway.refunds()).isEqualTo(refundsBefore + 1);
        assertThat(outbox(orderId, OrderCancelled.TYPE)).hasSize(1);
    }

    @Test
    void anOutcomeForAnOrderThatDoesNotExistGoesStraightToTheDlt() {
        UUID eventId = EventRecords.produce(bootstrap(), Topics.INVENTORY, rejected(UUID.randomUUID()));

        await().atMost(PROCESSING).until(() -> deadLetter(eventId) != null);
        assertThat(deadLetter(eventId).get("attempts").asInt()).isEqualTo(1);
    }

    private UUID placeOrder() {
        var response = api().checkout(Checkouts.twoBagsOfBeans(Checkouts.newCustomer()));
        assertThat(response.statusCode()).isEqualTo(201);
        return UUID.fromString(Checkouts.json(response.body()).get("orderId").asString());
    }

    private HttpResponse<String> replay(long deadLetterId) {
        return api().send("POST", "/dlt/" + deadLetterId + "/replay", HttpRequest.BodyPublishers.noBody(), OrderApi.ADMIN);
    }

    private static StockReserved reserved(UUID orderId) {
        return new StockReserved(orderId, List.of(new ReservedLine("SKU-001", 2)), Instant.now());
    }

    private static StockReservationRejected rejected(UUID orderId) {
        return new StockReservationRejected(orderId,
                List.of(new RejectedLine("SKU-001", 2, "only 0 of SKU-001 available, 2 ordered")), Instant.now());
    }

    private static ReceivedEvent received(StockReservationRejected event, UUID eventId, long offset) {
        Map<String, String> headers = Map.of(EventHeaders.ID, eventId.toString(), EventHeaders.TYPE, event.type());
        return ReceivedEvent.of(EventJson.write(event).getBytes(StandardCharsets.UTF_8), headers::get, event.subject(),
                Topics.INVENTORY, 0, offset);
    }

    private JsonNode order(UUID orderId) {
        return Checkouts.json(api().get("/orders/" + orderId).body());
    }

    private static List<String> steps(JsonNode order) {
        return order.get("timeline").valueStream().map(step -> step.get("step").asString()).toList();
    }

    private List<String> outbox(UUID orderId, String type) {
        return database.sql("SELECT payload::text FROM outbox WHERE aggregate_id = ? AND event_type = ?")
                .params(orderId.toString(), type).query(String.class).list();
    }

    private boolean processed(UUID eventId) {
        return database.sql("SELECT count(*) FROM processed_events WHERE event_id = ?").param(eventId)
                .query(Long.class).single() == 1;
    }

    private JsonNode deadLetter(UUID eventId) {
        for (JsonNode parked : Checkouts.json(api().getAsAdmin("/dlt?limit=500").body()).get("items")) {
            if (eventId.toString().equals(parked.get("eventId").asString())) {
                return parked;
            }
        }
        return null;
    }

    private static void awaitStart(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(interrupted);
        }
    }

    private static String bootstrap() {
        return SharedInfrastructure.get().kafka().bootstrapServers();
    }
}
