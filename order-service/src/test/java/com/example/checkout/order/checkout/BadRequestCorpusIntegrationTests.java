package com.example.checkout.order.checkout;

import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import com.example.checkout.order.OrderServiceIntegrationTest;
import com.example.checkout.order.RowCounts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

import static com.example.checkout.order.Checkouts.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every way a client can get a request wrong, each answered with its documented status as problem+json that says
 * what is wrong and nothing about our insides, and none of them writing a row.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadRequestCorpusIntegrationTests extends OrderServiceIntegrationTest {

    private static final String JSON = "application/json";
    private static final int KIB = 1024;

    private RowCounts beforeTheCorpus;

    record BadRequest(String scenario, String method, String path, String contentType, BodyPublisher body,
                      Map<String, String> headers, int status, String field) {

        @Override
        public String toString() {
            return scenario;
        }
    }

    static List<BadRequest> corpus() {
        List<BadRequest> corpus = new ArrayList<>();
        // Not JSON, or not the JSON object we expect
        corpus.add(invalid("malformed JSON", "{\"customerId\":", "body"));
        corpus.add(invalid("not JSON at all", "customerId=c-42", "body"));
        corpus.add(invalid("empty body", "", "body"));
        corpus.add(invalid("JSON null instead of an object", "null", "body"));
        corpus.add(invalid("JSON array instead of an object", "[" + valid() + "]", "body"));
        corpus.add(invalid("JSON string instead of an object", "\"checkout\"", "body"));
        corpus.add(invalid("JSON number instead of an object", "42", "body"));
        corpus.add(invalid("trailing tokens after the object", valid() + " {}", "body"));
        corpus.add(invalid("a field given twice", valid().replace("{", "{\"customerId\":\"c-1\","), "body"));
        corpus.add(invalid("an unknown field", with("coupon", "\"FREE\""), "coupon"));
        corpus.add(invalid("a misspelled field", without("paymentToken").replaceFirst("}$", ",\"paymentTokn\":\"tok_ok\"}"),
                "paymentTokn"));
        corpus.add(invalid("deeply nested value", with("customerId", "[".repeat(5000) + "]".repeat(5000)),
                "customerId"));
        corpus.add(invalid("deeply nested body", "{\"a\":".repeat(10_000) + "1" + "}".repeat(10_000), "body"));
        // Missing and null fields
        corpus.add(invalid("missing customerId", without("customerId"), "customerId"));
        corpus.add(invalid("missing email", without("email"), "email"));
        corpus.add(invalid("missing items", without("items"), "items"));
        corpus.add(invalid("missing paymentToken", without("paymentToken"), "paymentToken"));
        corpus.add(invalid("null customerId", with("customerId", "null"), "customerId"));
        corpus.add(invalid("null items", with("items", "null"), "items"));
        corpus.add(invalid("a null item", with("items", "[null]"), "items[0]"));
        corpus.add(invalid("an item without sku", with("items", "[{\"quantity\":1}]"), "items[0].sku"));
        corpus.add(invalid("an item without quantity", with("items", "[{\"sku\":\"SKU-001\"}]"), "items[0].quantity"));
        corpus.add(invalid("an item with null quantity", items("{\"sku\":\"SKU-001\",\"quantity\":null}"),
                "items[0].quantity"));
        // Wrong types
        corpus.add(invalid("customerId as a number", with("customerId", "42"), "customerId"));
        corpus.add(invalid("customerId as an object", with("customerId", "{\"id\":\"c-42\"}"), "customerId"));
        corpus.add(invalid("email as a boolean", with("email", "true"), "email"));
        corpus.add(invalid("items as an object", with("items", "{\"sku\":\"SKU-001\",\"quantity\":1}"), "items"));
        corpus.add(invalid("quantity as a string", items("{\"sku\":\"SKU-001\",\"quantity\":\"2\"}"),
                "items[0].quantity"));
        corpus.add(invalid("quantity as a fraction", items("{\"sku\":\"SKU-001\",\"quantity\":2.5}"),
                "items[0].quantity"));
        corpus.add(invalid("quantity as a boolean", items("{\"sku\":\"SKU-001\",\"quantity\":true}"),
                "items[0].quantity"));
        corpus.add(invalid("quantity beyond a long", items("{\"sku\":\"SKU-001\",\"quantity\":99999999999999999999999}"),
                "items[0].quantity"));
        corpus.add(invalid("quantity with a huge exponent", items("{\"sku\":\"SKU-001\",\"quantity\":1e400}"),
                "items[0].quantity"));
        corpus.add(invalid("sku as a number", items("{\"sku\":1,\"quantity\":1}"), "items[0].sku"));
        // Rules of the API
        corpus.add(invalid("blank customerId", with("customerId", "\"   \""), "customerId"));
        corpus.add(invalid("over-long customerId", with("customerId", quoted("c".repeat(101))), "customerId"));
        corpus.add(invalid("invalid email", with("email", "\"ada.example.com\""), "email"));
        corpus.add(invalid("email with a space", with("email", "\"ada lovelace@example.com\""), "email"));
        corpus.add(invalid("over-long email", with("email", quoted("a".repeat(250) + "@example.com")), "email"));
        corpus.add(invalid("10,000-character email", with("email", quoted("a".repeat(10_000))), "email"));
        corpus.add(invalid("over-long paymentToken", with("paymentToken", quoted("t".repeat(256))), "paymentToken"));
        corpus.add(invalid("over-long sku", items("{\"sku\":" + quoted("S".repeat(65)) + ",\"quantity\":1}"),
                "items[0].sku"));
        corpus.add(invalid("empty items", with("items", "[]"), "items"));
        corpus.add(invalid("quantity 0", items("{\"sku\":\"SKU-001\",\"quantity\":0}"), "items[0].quantity"));
        corpus.add(invalid("negative quantity", items("{\"sku\":\"SKU-001\",\"quantity\":-1}"), "items[0].quantity"));
        corpus.add(invalid("quantity 101", items("{\"sku\":\"SKU-001\",\"quantity\":101}"), "items[0].quantity"));
        corpus.add(invalid("51 lines", items(IntStream.rangeClosed(1, 51)
                .mapToObj(i -> "{\"sku\":\"SKU-%03d\",\"quantity\":1}".formatted(i))
                .collect(Collectors.joining(","))), "items"));
        corpus.add(invalid("the same SKU on two lines",
                items("{\"sku\":\"SKU-001\",\"quantity\":1},{\"sku\":\"SKU-001\",\"quantity\":2}"), "items[1].sku"));
        corpus.add(invalid("a NUL character", with("customerId", "\"c-\\u0000-42\""), "customerId"));
        corpus.add(invalid("a control character", with("customerId", "\"c-\\u001b[31m\""), "customerId"));
        corpus.add(invalid("a lone surrogate", with("customerId", "\"c-\\ud800\""), "customerId"));
        corpus.add(new BadRequest("over-long Idempotency-Key", "POST", "/checkout", JSON, BodyPublishers.ofString(valid()),
                Map.of("Idempotency-Key", "k".repeat(256)), 400, "Idempotency-Key"));
        corpus.add(new BadRequest("empty Idempotency-Key", "POST", "/checkout", JSON, BodyPublishers.ofString(valid()),
                Map.of("Idempotency-Key", ""), 400, "Idempotency-Key"));
        corpus.add(new BadRequest("headers over Tomcat's 8 KiB", "POST", "/checkout", JSON,
                BodyPublishers.ofString(valid()), Map.of("Idempotency-Key", "k".repeat(10 * KIB)), 400, null));
        // (Non-ASCII keys are rejected too, see the README's curl; java.net.http cannot send one.)
        corpus.add(new BadRequest("Idempotency-Key with a tab", "POST", "/checkout", JSON,
                BodyPublishers.ofString(valid()), Map.of("Idempotency-Key", "k\tey"), 400, "Idempotency-Key"));
        // Things the catalog and the payment provider refuse
        corpus.add(post("unknown SKU", items("{\"sku\":\"SKU-404\",\"quantity\":1}"), 422));
        corpus.add(post("unicode SKU", items("{\"sku\":\"SKU-\u00fc\u6f22\uD83D\uDE00\",\"quantity\":1}"), 422));
        corpus.add(post("declined payment", with("paymentToken", "\"tok_declined\""), 402));
        // HTTP itself
        corpus.add(new BadRequest("text/plain body", "POST", "/checkout", "text/plain",
                BodyPublishers.ofString(valid()), Map.of(), 415, null));
        corpus.add(new BadRequest("XML body", "POST", "/checkout", "application/xml",
                BodyPublishers.ofString("<checkout/>"), Map.of(), 415, null));
        corpus.add(new BadRequest("form body", "POST", "/checkout", "application/x-www-form-urlencoded",
                BodyPublishers.ofString("customerId=c-42"), Map.of(), 415, null));
        corpus.add(new BadRequest("no Content-Type", "POST", "/checkout", null,
                BodyPublishers.ofString(valid()), Map.of(), 415, null));
        String tooLarge = with("customerId", quoted("c".repeat(65 * KIB)));
        corpus.add(new BadRequest("body over 64 KiB with Content-Length", "POST", "/checkout", JSON,
                BodyPublishers.ofString(tooLarge), Map.of(), 413, null));
        corpus.add(new BadRequest("body over 64 KiB, chunked", "POST", "/checkout", JSON,
                BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(tooLarge.getBytes())), Map.of(), 413,
                null));
        corpus.add(new BadRequest("GET /checkout", "GET", "/checkout", null, BodyPublishers.noBody(), Map.of(), 405,
                null));
        corpus.add(new BadRequest("PUT /checkout", "PUT", "/checkout", JSON, BodyPublishers.ofString(valid()),
                Map.of(), 405, null));
        corpus.add(new BadRequest("DELETE /orders/{id}", "DELETE", "/orders/" + UUID.randomUUID(), null,
                BodyPublishers.noBody(), Map.of(), 405, null));
        corpus.add(new BadRequest("malformed order id", "GET", "/orders/42", null, BodyPublishers.noBody(), Map.of(),
                400, "orderId"));
        corpus.add(new BadRequest("unknown order", "GET", "/orders/" + UUID.randomUUID(), null,
                BodyPublishers.noBody(), Map.of(), 404, null));
        corpus.add(new BadRequest("unknown order asked for as HTML", "GET", "/orders/" + UUID.randomUUID(), null,
                BodyPublishers.noBody(), Map.of("Accept", "text/html"), 404, null));
        corpus.add(new BadRequest("invalid request asked for as XML", "POST", "/checkout", JSON,
                BodyPublishers.ofString(with("items", "[]")), Map.of("Accept", "application/xml"), 400, "items"));
        corpus.add(new BadRequest("unknown path", "GET", "/checkouts", null, BodyPublishers.noBody(), Map.of(), 404,
                null));
        return corpus;
    }

    @BeforeAll
    void countRowsBeforeTheCorpus() {
        beforeTheCorpus = rowCounts();
    }

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("corpus")
    void isAnsweredWithItsStatusAsAProblemAndWritesNothing(BadRequest bad) {
        // given
        RowCounts before = rowCounts();
        Map<String, String> headers = new LinkedHashMap<>(bad.headers());
        if (bad.contentType() != null) {
            headers.put("Content-Type", bad.contentType());
        }

        // when
        HttpResponse<String> response = api().send(bad.method(), bad.path(), bad.body(), headers);

        // then
        assertThat(response.statusCode()).as(response.body()).isEqualTo(bad.status());
        assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
        JsonNode problem = json(response.body());
        assertThat(problem.get("status").asInt()).isEqualTo(bad.status());
        assertThat(problem.get("title").asString()).isNotBlank();
        assertThat(response.body()).doesNotContainIgnoringCase("exception")
                .doesNotContain("java.", "tools.jackson", "springframework", "at com.", "\tat ")
                .doesNotContainIgnoringCase("select ")
                .doesNotContainIgnoringCase("insert ")
                .doesNotContain("\"trace\"");
        if (bad.field() != null) {
            assertThat(problem.get("errors")).as(response.body()).isNotEmpty();
            assertThat(problem.get("errors").valueStream().map(error -> error.get("field").asString()))
                    .as(response.body()).contains(bad.field());
            assertThat(problem.get("errors").valueStream().map(error -> error.get("message").asString()))
                    .allSatisfy(message -> assertThat(message).isNotBlank());
        }
        assertThat(rowCounts()).isEqualTo(before);
    }

    @AfterAll
    void theWholeCorpusWroteNoRow() {
        assertThat(rowCounts()).isEqualTo(beforeTheCorpus);
    }

    private static BadRequest invalid(String scenario, String body, String field) {
        return new BadRequest(scenario, "POST", "/checkout", JSON, BodyPublishers.ofString(body), Map.of(), 400, field);
    }

    private static BadRequest post(String scenario, String body, int status) {
        return new BadRequest(scenario, "POST", "/checkout", JSON, BodyPublishers.ofString(body), Map.of(), status,
                null);
    }

    private static Map<String, String> validFields() {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("customerId", "\"c-42\"");
        fields.put("email", "\"ada@example.com\"");
        fields.put("items", "[{\"sku\":\"SKU-001\",\"quantity\":2}]");
        fields.put("paymentToken", "\"tok_ok\"");
        return fields;
    }

    private static String valid() {
        return object(validFields());
    }

    /** The valid request with one field's raw JSON value replaced (or added). */
    private static String with(String field, String rawJson) {
        Map<String, String> fields = validFields();
        fields.put(field, rawJson);
        return object(fields);
    }

    private static String without(String field) {
        Map<String, String> fields = validFields();
        fields.remove(field);
        return object(fields);
    }

    private static String items(String rawItems) {
        return with("items", "[" + rawItems + "]");
    }

    private static String object(Map<String, String> fields) {
        return fields.entrySet().stream().map(field -> "\"" + field.getKey() + "\":" + field.getValue())
                .collect(Collectors.joining(",", "{", "}"));
    }

    private static String quoted(String text) {
        return "\"" + text + "\"";
    }
}
