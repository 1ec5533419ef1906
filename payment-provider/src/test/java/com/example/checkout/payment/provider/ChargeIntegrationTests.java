package com.example.checkout.payment.provider;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;

import com.example.checkout.payment.provider.ProviderApi.Answer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Charges against the real provider and its Postgres: one charge per key, whatever happens to the requests. */
class ChargeIntegrationTests extends RunningProvider {

    @Test
    void theSameKeyAndBodyAgainReplaysTheOneCharge() {
        // given
        String key = newKey();
        Answer first = api().charge(key, 2599, "tok_ok");

        // when
        Answer again = api().charge(key, 2599, "tok_ok");

        // then
        assertThat(first.status()).isEqualTo(201);
        assertThat(first.replayed()).isNull();
        assertThat(first.body().get("id").asString()).startsWith("ch_");
        assertThat(first.body().get("status").asString()).isEqualTo("succeeded");
        assertThat(first.body().get("captured").asBoolean()).isTrue();
        assertThat(first.body().get("refunded").asBoolean()).isFalse();
        assertThat(first.body().get("idempotency_key").asString()).isEqualTo(key);
        assertThat(first.body().get("metadata").get("customer_id").asString()).isEqualTo("c-1");
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.replayed()).isEqualTo("true");
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(chargesWithKey(key)).isOne();
    }

    @Test
    void theSameKeyWithAnotherBodyIsRejectedAndChargesNothingMore() {
        // given
        String key = newKey();
        Answer first = api().charge(key, 2599, "tok_ok");
        JsonNode before = balance();

        // when
        Answer other = api().charge(key, 9999, "tok_ok");

        // then
        assertThat(other.status()).isEqualTo(422);
        assertThat(other.errorType()).isEqualTo("idempotency_error");
        assertThat(chargesWithKey(key)).isOne();
        assertThat(api().get("/v1/charges/" + first.body().get("id").asString()).body().get("amount").asLong())
                .isEqualTo(2599);
        assertThat(balance()).isEqualTo(before);
    }

    @Test
    void aDeclinedCardIs402AndItsKeyStaysDeclined() {
        // given
        String key = newKey();
        JsonNode before = balance();

        // when
        Answer declined = api().charge(key, 2599, "tok_declined");
        Answer again = api().charge(key, 2599, "tok_declined");

        // then
        assertThat(declined.status()).isEqualTo(402);
        assertThat(declined.errorType()).isEqualTo("card_error");
        assertThat(declined.body().get("error").get("code").asString()).isEqualTo("card_declined");
        assertThat(again.status()).isEqualTo(402);
        assertThat(again.replayed()).isEqualTo("true");
        assertThat(again.body().get("error").get("charge")).isEqualTo(declined.body().get("error").get("charge"));
        JsonNode remembered = api().get("/v1/charges?idempotency_key=" + key).body().get("data");
        assertThat(remembered).hasSize(1);
        assertThat(remembered.get(0).get("status").asString()).isEqualTo("failed");
        assertThat(remembered.get(0).get("captured").asBoolean()).isFalse();
        assertThat(chargesWithKey(key)).isOne();
        assertThat(balance()).isEqualTo(before);
    }

    @Test
    void anUnknownTokenIsDeclined() {
        Answer answer = api().charge(newKey(), 2599, "tok_no_such_card");

        assertThat(answer.status()).isEqualTo(402);
        assertThat(answer.body().get("error").get("code").asString()).isEqualTo("card_declined");
    }

    @Test
    void aSlowChargeIsCapturedBeforeItIsAnsweredAndItsReplayDoesNotWait() {
        // given
        String key = newKey();
        Instant sent = Instant.now();

        // when
        CompletableFuture<Answer> slow = api().chargeAsync(key, ProviderApi.chargeBody(2599, "tok_slow"));

        // then: the capture is committed and visible while its answer still waits
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
                .until(() -> api().get("/v1/charges?idempotency_key=" + key).body().get("data").size() == 1);
        assertThat(slow).isNotDone();
        // a replay meanwhile is answered before the first request is
        Answer replay = api().charge(key, 2599, "tok_slow");
        assertThat(replay.status()).isEqualTo(200);
        assertThat(replay.replayed()).isEqualTo("true");
        assertThat(slow).isNotDone();
        // the first answer comes after the configured delay, with the same charge
        Answer first = slow.join();
        assertThat(Duration.between(sent, Instant.now())).isGreaterThanOrEqualTo(slowDelay());
        assertThat(first.status()).isEqualTo(201);
        assertThat(first.body().get("id")).isEqualTo(replay.body().get("id"));
        assertThat(chargesWithKey(key)).isOne();
    }

    @Test
    void anUnavailableProviderIs503WithRetryAfterAndStoresNothing() {
        // given
        String key = newKey();
        JsonNode before = balance();

        // when
        Answer answer = api().charge(key, 2599, "tok_unavailable");

        // then
        assertThat(answer.status()).isEqualTo(503);
        assertThat(answer.retryAfter()).isEqualTo("1");
        assertThat(answer.errorType()).isEqualTo("api_error");
        assertThat(chargesWithKey(key)).isZero();
        assertThat(api().get("/v1/charges?idempotency_key=" + key).body().get("data")).isEmpty();
        assertThat(balance()).isEqualTo(before);
    }

    @ParameterizedTest(name = "{0} → 400 naming {1}")
    @CsvSource(delimiter = '|', nullValues = "none", value = {
            "{\"amount\": 0, \"currency\": \"EUR\", \"source\": \"tok_ok\"}        | amount",
            "{\"amount\": -5, \"currency\": \"EUR\", \"source\": \"tok_ok\"}       | amount",
            "{\"currency\": \"EUR\", \"source\": \"tok_ok\"}                       | amount",
            "{\"amount\": \"lots\", \"currency\": \"EUR\", \"source\": \"tok_ok\"} | amount",
            "{\"amount\": 100, \"currency\": \"EURO\", \"source\": \"tok_ok\"}     | currency",
            "{\"amount\": 100, \"source\": \"tok_ok\"}                             | currency",
            "{\"amount\": 100, \"currency\": \"EUR\"}                              | source",
            "{\"amount\": 100, \"currency\": \"EUR\", \"source\": \" \"}           | source",
            "{\"amount\": 100,                                                     | none",
    })
    void anInvalidBodyIs400NamingTheFieldAndStoresNothing(String body, String param) {
        // given
        String key = newKey();

        // when
        Answer answer = api().charge(key, body);

        // then
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.errorType()).isEqualTo("invalid_request_error");
        assertThat(answer.errorParam()).isEqualTo(param);
        assertThat(chargesWithKey(key)).isZero();
    }

    @Test
    void aChargeWithoutAnIdempotencyKeyIs400() {
        Answer answer = api().charge(null, ProviderApi.chargeBody(2599, "tok_ok"));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.errorType()).isEqualTo("invalid_request_error");
        assertThat(answer.body().get("error").get("message").asString()).contains("Idempotency-Key");
    }

    @Test
    void anUnknownChargeIs404() {
        Answer answer = api().get("/v1/charges/ch_" + UUID.randomUUID());

        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.errorType()).isEqualTo("invalid_request_error");
    }

    @Test
    void capturesAreListedByTimeInCreationOrderPageByPage() {
        // given: three captures and a decline among them
        JsonNode first = api().charge(newKey(), 100, "tok_ok").body();
        JsonNode second = api().charge(newKey(), 200, "tok_ok").body();
        api().charge(newKey(), 250, "tok_declined");
        JsonNode third = api().charge(newKey(), 300, "tok_ok").body();
        String window = "created_gte=" + query(first.get("created").asString())
                + "&created_lte=" + query(third.get("created").asString());

        // when
        JsonNode page1 = api().get("/v1/charges?" + window + "&limit=2").body();
        JsonNode page2 = api().get("/v1/charges?" + window + "&limit=2&starting_after="
                + page1.get("data").get(1).get("id").asString()).body();

        // then
        assertThat(page1.get("object").asString()).isEqualTo("list");
        assertThat(ids(page1)).containsExactly(id(first), id(second));
        assertThat(page1.get("has_more").asBoolean()).isTrue();
        assertThat(ids(page2)).containsExactly(id(third));
        assertThat(page2.get("has_more").asBoolean()).isFalse();
    }

    @Test
    void aPageLimitOutsideOneToAHundredIs400() {
        Answer answer = api().get("/v1/charges?limit=101");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.errorParam()).isEqualTo("limit");
    }

    @Test
    void theBalanceTotalsCapturesAndRefunds() {
        // given
        JsonNode before = balance();

        // when
        JsonNode refunded = api().charge(newKey(), 1000, "tok_ok").body();
        api().charge(newKey(), 234, "tok_ok");
        api().charge(newKey(), 500, "tok_declined");
        api().charge(newKey(), 600, "tok_unavailable");
        api().refund(newKey(), id(refunded));

        // then
        JsonNode after = balance();
        assertThat(after.get("captures").asLong() - before.get("captures").asLong()).isEqualTo(2);
        assertThat(after.get("captured_amount").asLong() - before.get("captured_amount").asLong()).isEqualTo(1234);
        assertThat(after.get("refunds").asLong() - before.get("refunds").asLong()).isEqualTo(1);
        assertThat(after.get("refunded_amount").asLong() - before.get("refunded_amount").asLong()).isEqualTo(1000);
    }

    @Test
    void concurrentRequestsWithOneKeyMakeExactlyOneCharge() {
        // given: eight requests with one key, released together
        String key = newKey();
        CountDownLatch start = new CountDownLatch(1);
        List<Answer> answers;
        try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            List<CompletableFuture<Answer>> requests = IntStream.range(0, 8)
                    .mapToObj(i -> CompletableFuture.supplyAsync(() -> {
                        awaitQuietly(start);
                        return api().charge(key, 2599, "tok_ok");
                    }, clients)).toList();

            // when
            start.countDown();
            answers = requests.stream().map(CompletableFuture::join).toList();
        }

        // then: one created it, the others replayed it
        assertThat(answers).filteredOn(answer -> answer.status() == 201).hasSize(1);
        assertThat(answers).filteredOn(answer -> answer.status() == 200 && "true".equals(answer.replayed()))
                .hasSize(7);
        assertThat(answers.stream().map(answer -> answer.body().get("id").asString()).distinct()).hasSize(1);
        assertThat(chargesWithKey(key)).isOne();
    }

    private JsonNode balance() {
        return api().get("/v1/balance").body();
    }

    static String newKey() {
        return "test-" + UUID.randomUUID();
    }

    private static String id(JsonNode charge) {
        return charge.get("id").asString();
    }

    private static List<String> ids(JsonNode list) {
        return list.get("data").valueStream().map(ChargeIntegrationTests::id).toList();
    }

    private static String query(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
