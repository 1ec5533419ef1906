package com.example.checkout.order.checkout;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import javax.sql.DataSource;

import com.example.checkout.order.OrderServiceIntegrationTest;
import com.example.checkout.order.RowCounts;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static com.example.checkout.order.Checkouts.checkout;
import static com.example.checkout.order.Checkouts.json;
import static com.example.checkout.order.Checkouts.newCustomer;
import static com.example.checkout.order.Checkouts.twoBagsOfBeans;
import static org.assertj.core.api.Assertions.assertThat;

class IdempotentCheckoutIntegrationTests extends OrderServiceIntegrationTest {

    @Autowired
    private DataSource dataSource;

    @Test
    void aReplayedKeyGetsTheOriginalResponseAndPlacesNothingTwice() {
        // given one placed order
        String customer = newCustomer();
        String key = UUID.randomUUID().toString();
        RowCounts before = rowCounts();
        long capturesBefore = ledger().balance().captures();
        HttpResponse<String> original = api().checkout(twoBagsOfBeans(customer), key);

        // when the client repeats the request, with the fields in another order and spacing
        HttpResponse<String> replay = api().checkout("""
                { "paymentToken": "tok_ok", "items": [ {"quantity": 2, "sku": "SKU-001"} ],
                  "email": "ada@example.com", "customerId": "%s" }""".formatted(customer), key);

        // then
        assertThat(original.statusCode()).isEqualTo(201);
        assertThat(replay.statusCode()).isEqualTo(201);
        assertThat(replay.body()).isEqualTo(original.body());
        assertThat(replay.headers().firstValue("Location")).isEqualTo(original.headers().firstValue("Location"));
        assertThat(replay.headers().firstValue("Idempotent-Replayed")).contains("true");
        assertThat(rowCounts().minus(before)).isEqualTo(new RowCounts(1, 1, 1, 1));
        assertThat(ledger().balance().captures() - capturesBefore).isEqualTo(1);
    }

    @Test
    void aKeyReusedWithAnotherBodyIsUnprocessable() {
        // given
        String customer = newCustomer();
        String key = UUID.randomUUID().toString();
        api().checkout(twoBagsOfBeans(customer), key);
        RowCounts before = rowCounts();

        // when the same key comes with three bags instead of two
        HttpResponse<String> reused = api().checkout(checkout(customer, "tok_ok",
                "[{\"sku\":\"SKU-001\",\"quantity\":3}]"), key);

        // then
        assertThat(reused.statusCode()).isEqualTo(422);
        assertThat(reused.headers().firstValue("Content-Type")).contains("application/problem+json");
        assertThat(json(reused.body()).get("title").asString()).isEqualTo("Idempotency-Key reused");
        assertThat(rowCounts()).isEqualTo(before);
    }

    @Test
    void keysAreScopedToTheCustomer() {
        // given
        String key = UUID.randomUUID().toString();
        HttpResponse<String> first = api().checkout(twoBagsOfBeans(newCustomer()), key);

        // when another customer happens to use the same key
        HttpResponse<String> second = api().checkout(twoBagsOfBeans(newCustomer()), key);

        // then it is their own order
        assertThat(second.statusCode()).isEqualTo(201);
        assertThat(json(second.body()).get("orderId")).isNotEqualTo(json(first.body()).get("orderId"));
    }

    @Test
    void aCheckoutWithoutAKeyIsClaimedUnderAKeyNoClientCanSendAndFinishedWithItsOrder() {
        // when a client checks out without an Idempotency-Key
        String customer = newCustomer();
        HttpResponse<String> placed = api().checkout(twoBagsOfBeans(customer));

        // then its attempt was claimed like any other and finished with the order, under the key its payment was
        // charged with: the reconciler can tell this capture is this deployment's
        assertThat(placed.statusCode()).isEqualTo(201);
        Claimed claimed = database.sql("""
                        SELECT k.idempotency_key, k.recovery_point, k.order_id, p.idempotency_key AS payment_key,
                               k.provider_key
                        FROM idempotency_keys k JOIN payments p ON p.order_id = k.order_id
                        WHERE k.customer_id = :customer""")
                .param("customer", customer).query(Claimed.class).single();
        assertThat(claimed.recoveryPoint()).isEqualTo("FINISHED");
        assertThat(claimed.orderId()).isEqualTo(UUID.fromString(json(placed.body()).get("orderId").asString()));
        assertThat(claimed.providerKey()).isEqualTo(claimed.paymentKey());
        // and no request can name its key, so none can replay or take it over
        assertThat(CheckoutController.isValidIdempotencyKey(claimed.idempotencyKey())).isFalse();
    }

    @Test
    void twentyConcurrentRequestsWithOneKeyPlaceExactlyOneOrder() throws Exception {
        // given
        String customer = newCustomer();
        String key = UUID.randomUUID().toString();
        long capturesBefore = ledger().balance().captures();
        CountDownLatch start = new CountDownLatch(1);

        // when 20 clients send the same request with the same key at once
        List<HttpResponse<String>> responses;
        try (ExecutorService clients = Executors.newFixedThreadPool(20)) {
            List<Future<HttpResponse<String>>> futures = IntStream.range(0, 20)
                    .mapToObj(i -> clients.submit(() -> {
                        start.await();
                        return api().checkout(twoBagsOfBeans(customer), key);
                    }))
                    .toList();
            start.countDown();
            responses = futures.stream().map(IdempotentCheckoutIntegrationTests::join).toList();
        }

        // then one order exists; every winner saw that order, every loser was told to retry (409: the key is in
        // flight; 503: admission control turned it away before it got that far)
        assertThat(ordersOf(customer)).isEqualTo(1);
        assertThat(ledger().balance().captures() - capturesBefore).isEqualTo(1);
        List<HttpResponse<String>> placed = responses.stream().filter(r -> r.statusCode() == 201).toList();
        assertThat(placed).isNotEmpty();
        assertThat(placed).extracting(HttpResponse::body).containsOnly(placed.getFirst().body());
        assertThat(responses).extracting(HttpResponse::statusCode).isSubsetOf(201, 409, 503);
        assertThat(database.sql("""
                        SELECT count(*) FROM outbox o JOIN orders r ON r.id::text = o.aggregate_id
                        WHERE r.customer_id = :customer""")
                .param("customer", customer).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void aRequestWhoseKeyIsStillInFlightIsToldToRetry() throws Exception {
        // given a request with this key whose transaction has claimed the key and not yet finished
        String customer = newCustomer();
        String key = UUID.randomUUID().toString();
        try (Connection inFlight = dataSource.getConnection()) {
            inFlight.setAutoCommit(false);
            try (PreparedStatement claim = inFlight.prepareStatement("""
                    INSERT INTO idempotency_keys (customer_id, idempotency_key, request_hash, expires_at)
                    VALUES (?, ?, 'in-flight', now() + interval '1 hour')""")) {
                claim.setString(1, customer);
                claim.setString(2, key);
                claim.executeUpdate();
            }

            // when a second request with the key arrives
            HttpResponse<String> second = api().checkout(twoBagsOfBeans(customer), key);

            // then it waited for the first as long as configured, placed nothing and may retry
            assertThat(second.statusCode()).isEqualTo(409);
            assertThat(second.headers().firstValue("Retry-After")).contains("1");
            assertThat(second.headers().firstValue("Content-Type")).contains("application/problem+json");
            assertThat(ordersOf(customer)).isZero();
            inFlight.rollback();
        }
    }

    private long ordersOf(String customer) {
        return database.sql("SELECT count(*) FROM orders WHERE customer_id = :customer")
                .param("customer", customer).query(Long.class).single();
    }

    private static <T> T join(Future<T> future) {
        try {
            return future.get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private record Claimed(String idempotencyKey, String recoveryPoint, UUID orderId, String paymentKey,
                           String providerKey) {
    }
}
