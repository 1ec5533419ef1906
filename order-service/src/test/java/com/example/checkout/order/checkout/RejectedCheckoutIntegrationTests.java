package com.example.checkout.order.checkout;

import java.net.http.HttpResponse;

import com.example.checkout.order.OrderServiceIntegrationTest;
import com.example.checkout.order.RowCounts;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static com.example.checkout.order.Checkouts.checkout;
import static com.example.checkout.order.Checkouts.json;
import static com.example.checkout.order.Checkouts.newCustomer;
import static org.assertj.core.api.Assertions.assertThat;

class RejectedCheckoutIntegrationTests extends OrderServiceIntegrationTest {

    @Test
    void aDeclinedPaymentIsPaymentRequiredAndLeavesNoRowBehind() {
        // given
        RowCounts before = rowCounts();

        // when
        HttpResponse<String> response = api().checkout(checkout(newCustomer(), "tok_declined",
                "[{\"sku\":\"SKU-001\",\"quantity\":2}]"));

        // then
        assertThat(response.statusCode()).isEqualTo(402);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
        JsonNode problem = json(response.body());
        assertThat(problem.get("status").asInt()).isEqualTo(402);
        assertThat(problem.get("title").asString()).isEqualTo("Payment declined");
        assertThat(rowCounts()).isEqualTo(before);
    }

    @Test
    void anUnknownSkuIsUnprocessableNamesTheSkuAndLeavesNoRowBehind() {
        // given
        RowCounts before = rowCounts();

        // when
        HttpResponse<String> response = api().checkout(checkout(newCustomer(), "tok_ok",
                "[{\"sku\":\"SKU-001\",\"quantity\":1},{\"sku\":\"SKU-999\",\"quantity\":1}]"));

        // then
        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
        JsonNode problem = json(response.body());
        assertThat(problem.get("detail").asString()).contains("SKU-999").doesNotContain("SKU-001");
        assertThat(problem.get("skus")).hasSize(1);
        assertThat(problem.get("skus").get(0).asString()).isEqualTo("SKU-999");
        assertThat(rowCounts()).isEqualTo(before);
    }

    @Test
    void aDeclinedPaymentReleasesItsIdempotencyKeySoAFixedRetryIsPlaced() {
        // given a declined request with a key
        String customer = newCustomer();
        api().checkout(checkout(customer, "tok_declined", "[{\"sku\":\"SKU-002\",\"quantity\":1}]"), "retry-me");

        // when the shopper retries with another card and the same key (a different body: the token changed)
        HttpResponse<String> retry = api().checkout(checkout(customer, "tok_ok",
                "[{\"sku\":\"SKU-002\",\"quantity\":1}]"), "retry-me");

        // then the key was not spent on the failure
        assertThat(retry.statusCode()).isEqualTo(201);
    }
}
