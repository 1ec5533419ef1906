package com.example.checkout.order.checkout;

import java.net.http.HttpResponse;

import com.example.checkout.order.OrderServiceIntegrationTest;
import com.example.checkout.order.RowCounts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import tools.jackson.databind.JsonNode;

import static com.example.checkout.order.Checkouts.checkout;
import static com.example.checkout.order.Checkouts.json;
import static com.example.checkout.order.Checkouts.newCustomer;
import static com.example.checkout.order.Checkouts.twoBagsOfBeans;
import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(OutputCaptureExtension.class)
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
    void aFailureWritingTheOutboxRollsBackTheOrderAndItsPaymentAndIsA500WithACorrelationId(CapturedOutput log) {
        // given the outbox refuses this customer's event, after the order, its lines and payment were written
        String customer = newCustomer();
        database.sql("""
                CREATE FUNCTION refuse_test_event() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                  IF NEW.payload ->> 'customerId' = '%s' THEN RAISE EXCEPTION 'outbox unavailable'; END IF;
                  RETURN NEW;
                END $$""".formatted(customer)).update();
        database.sql("""
                CREATE TRIGGER refuse_test_event BEFORE INSERT ON outbox
                FOR EACH ROW EXECUTE FUNCTION refuse_test_event()""").update();
        RowCounts before = rowCounts();
        long capturesBefore = ledger().balance().captures();
        long refundsBefore = ledger().balance().refunds();
        try {
            // when
            HttpResponse<String> response = api().checkout(twoBagsOfBeans(customer));

            // then nothing of the order is left: it was one transaction, and the capture was refunded at once
            assertThat(rowCounts()).isEqualTo(before);
            assertThat(ledger().balance().captures() - capturesBefore).isEqualTo(1);
            assertThat(ledger().balance().refunds() - refundsBefore).isEqualTo(1);
            assertThat(response.statusCode()).isEqualTo(500);
            assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
            assertThat(response.body()).doesNotContain("outbox unavailable", "SQL", "Exception", "INSERT");
            String correlationId = json(response.body()).get("correlationId").asString();
            assertThat(log.getOut()).contains("correlationId=" + correlationId);
        } finally {
            database.sql("DROP TRIGGER refuse_test_event ON outbox").update();
            database.sql("DROP FUNCTION refuse_test_event()").update();
        }
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
