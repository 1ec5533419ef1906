package com.example.checkout.order.checkout;

import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.util.Map;
import java.util.UUID;

import com.example.checkout.events.EventJson;
import com.example.checkout.events.OrderPlaced;
import com.example.checkout.order.OrderServiceIntegrationTest;
import com.example.checkout.order.RowCounts;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static com.example.checkout.order.Checkouts.checkout;
import static com.example.checkout.order.Checkouts.json;
import static com.example.checkout.order.Checkouts.newCustomer;
import static com.example.checkout.order.Checkouts.twoBagsOfBeans;
import static java.net.http.HttpRequest.BodyPublishers.ofString;
import static org.assertj.core.api.Assertions.assertThat;

class CheckoutIntegrationTests extends OrderServiceIntegrationTest {

    private static final String CALLERS_TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String CALLERS_SPAN_ID = "00f067aa0ba902b7";
    private static final String TRACEPARENT = "00-" + CALLERS_TRACE_ID + "-" + CALLERS_SPAN_ID + "-01";

    @Test
    void aPlacedOrderIsAnsweredWithItsLocationAndPricedFromTheCatalog() {
        // given
        String customer = newCustomer();

        // when
        HttpResponse<String> response = api().checkout(twoBagsOfBeans(customer));

        // then: SKU-001 costs 24.90 EUR in the catalog
        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        JsonNode body = json(response.body());
        UUID orderId = UUID.fromString(body.get("orderId").asString());
        assertThat(response.headers().firstValue("Location")).contains("/orders/" + orderId);
        assertThat(body.get("status").asString()).isEqualTo("PLACED");
        assertThat(body.get("totalCents").asLong()).isEqualTo(2 * 2490);
        assertThat(body.get("currency").asString()).isEqualTo("EUR");
        assertThat(body.properties()).hasSize(4);
    }

    @Test
    void theOrderCanBeReadBackWithItsLinesAndStatus() {
        // given
        String customer = newCustomer();
        String location = api().checkout(checkout(customer, "tok_ok",
                "[{\"sku\":\"SKU-003\",\"quantity\":1},{\"sku\":\"SKU-005\",\"quantity\":3}]"))
                .headers().firstValue("Location").orElseThrow();

        // when
        HttpResponse<String> response = api().get(location);

        // then
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode order = json(response.body());
        assertThat(order.get("orderId").asString()).isEqualTo(location.substring("/orders/".length()));
        assertThat(order.get("customerId").asString()).isEqualTo(customer);
        assertThat(order.get("email").asString()).isEqualTo("ada@example.com");
        assertThat(order.get("status").asString()).isEqualTo("PLACED");
        assertThat(order.get("totalCents").asLong()).isEqualTo(5990 + 3 * 495);
        assertThat(order.get("currency").asString()).isEqualTo("EUR");
        assertThat(order.get("placedAt").asString()).isNotBlank();
        JsonNode lines = order.get("lines");
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0).get("sku").asString()).isEqualTo("SKU-003");
        assertThat(lines.get(0).get("name").asString()).isEqualTo("Gooseneck Kettle, 1 l");
        assertThat(lines.get(0).get("quantity").asInt()).isEqualTo(1);
        assertThat(lines.get(0).get("unitPriceCents").asLong()).isEqualTo(5990);
        assertThat(lines.get(1).get("sku").asString()).isEqualTo("SKU-005");
        assertThat(lines.get(1).get("quantity").asInt()).isEqualTo(3);
        assertThat(lines.get(1).get("unitPriceCents").asLong()).isEqualTo(495);
    }

    @Test
    void theOrderItsPaymentAndItsOrderPlacedOutboxRowAreWrittenTogether() {
        // given
        String customer = newCustomer();
        RowCounts before = rowCounts();

        // when
        HttpResponse<String> response = api().send("POST", "/checkout", ofString(twoBagsOfBeans(customer)),
                Map.of("Content-Type", "application/json", "traceparent", TRACEPARENT));

        // then: one row in each table, and the outbox row is the event the relay publishes
        assertThat(rowCounts().minus(before)).isEqualTo(new RowCounts(1, 1, 1, 1));
        UUID orderId = UUID.fromString(json(response.body()).get("orderId").asString());
        Map<String, Object> outbox = database.sql("""
                        SELECT id, aggregate_type, aggregate_id, event_type, payload::text AS payload, created_at,
                               traceparent
                        FROM outbox WHERE aggregate_id = :orderId""")
                .param("orderId", orderId.toString())
                .query().singleRow();
        assertThat(outbox.get("id")).isInstanceOf(UUID.class);
        assertThat(outbox.get("aggregate_type")).isEqualTo("orders");
        assertThat(outbox.get("event_type")).isEqualTo(OrderPlaced.TYPE);
        assertThat(outbox.get("created_at")).isNotNull();
        // the caller's trace, continued by the outbox write's own span
        assertThat((String) outbox.get("traceparent"))
                .matches("00-" + CALLERS_TRACE_ID + "-[0-9a-f]{16}-01")
                .doesNotContain(CALLERS_SPAN_ID);
        OrderPlaced event = EventJson.read((String) outbox.get("payload"), OrderPlaced.class);
        assertThat(event.orderId()).isEqualTo(orderId);
        assertThat(event.customerId()).isEqualTo(customer);
        assertThat(event.email()).isEqualTo("ada@example.com");
        assertThat(event.lines()).containsExactly(
                new OrderPlaced.OrderLine("SKU-001", "Espresso Beans, 1 kg", 2, 2490));
        assertThat(event.totalCents()).isEqualTo(4980);
        assertThat(event.currency()).isEqualTo("EUR");
        assertThat(event.placedAt()).isEqualTo(database.sql("SELECT placed_at FROM orders WHERE id = :id")
                .param("id", orderId).query(Timestamp.class).single().toInstant());

        Map<String, Object> payment = database.sql("""
                        SELECT amount_cents, currency, status, idempotency_key, gateway_reference
                        FROM payments WHERE order_id = :id""")
                .param("id", orderId).query().singleRow();
        assertThat(payment).containsEntry("amount_cents", 4980L).containsEntry("currency", "EUR")
                .containsEntry("status", "CAPTURED");
        // the provider's ledger has that one capture under the key the payment row names
        assertThat(ledger().chargesWithKey((String) payment.get("idempotency_key"))).singleElement()
                .satisfies(charge -> assertThat(charge.get("id").asString()).isEqualTo(payment.get("gateway_reference")))
                .satisfies(charge -> assertThat(charge.get("amount").asLong()).isEqualTo(4980));
    }

    @Test
    void aRequestWithoutTraceContextStartsANewTrace() {
        // when
        HttpResponse<String> response = api().checkout(twoBagsOfBeans(newCustomer()));

        // then
        String traceparent = database.sql("SELECT traceparent FROM outbox WHERE aggregate_id = :id")
                .param("id", json(response.body()).get("orderId").asString())
                .query(String.class).single();
        // sampled (bit 0); OpenTelemetry also sets W3C level 2's "random trace id" flag (bit 1)
        assertThat(traceparent).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-0[13]");
    }

    @Test
    void anUnknownOrderIsNotFound() {
        // when
        HttpResponse<String> response = api().get("/orders/" + UUID.randomUUID());

        // then
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
        assertThat(json(response.body()).get("status").asInt()).isEqualTo(404);
    }

    @Test
    void aMalformedOrderIdIsABadRequestNamingTheField() {
        // when
        HttpResponse<String> response = api().get("/orders/not-a-uuid");

        // then
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
        JsonNode error = json(response.body()).get("errors").get(0);
        assertThat(error.get("field").asString()).isEqualTo("orderId");
        assertThat(error.get("message").asString()).isEqualTo("must be a UUID");
    }
}
