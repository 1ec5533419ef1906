package com.example.checkout.order.checkout;

import java.net.http.HttpResponse;
import java.util.Map;

import com.example.checkout.order.OrderServiceIntegrationTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static com.example.checkout.order.Checkouts.json;
import static com.example.checkout.order.Checkouts.newCustomer;
import static com.example.checkout.order.Checkouts.twoBagsOfBeans;
import static java.net.http.HttpRequest.BodyPublishers.ofString;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code GET /orders/{id}} names the checkout's trace, so a reader (the console) can link the journey to it. */
class OrderTraceIntegrationTests extends OrderServiceIntegrationTest {

    private static final String CALLERS_TRACE_ID = "5cf92f3577b34da6a3ce929d0e0e4737";

    @Test
    void theOrderNamesTheTraceItsCheckoutContinued() {
        // when
        JsonNode order = placeAndReadBack("00-" + CALLERS_TRACE_ID + "-00f067aa0ba902b7-01");

        // then
        assertThat(order.get("traceId").asString()).isEqualTo(CALLERS_TRACE_ID);
    }

    @Test
    void anUnsampledCheckoutNamesNoTrace() {
        // when: the caller decided not to sample, so no span of this trace was exported
        JsonNode order = placeAndReadBack("00-" + CALLERS_TRACE_ID.replace('5', '6') + "-00f067aa0ba902b7-00");

        // then
        assertThat(order.get("traceId").isNull()).isTrue();
    }

    private JsonNode placeAndReadBack(String traceparent) {
        HttpResponse<String> placed = api().send("POST", "/checkout", ofString(twoBagsOfBeans(newCustomer())),
                Map.of("Content-Type", "application/json", "traceparent", traceparent));
        assertThat(placed.statusCode()).isEqualTo(201);
        HttpResponse<String> read = api().get(placed.headers().firstValue("Location").orElseThrow());
        assertThat(read.statusCode()).isEqualTo(200);
        return json(read.body());
    }
}
