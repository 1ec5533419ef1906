package com.example.checkout.order.web;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;

import javax.sql.DataSource;

import com.example.checkout.order.OrderServiceIntegrationTest;
import com.example.checkout.order.RowCounts;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import static com.example.checkout.order.Checkouts.json;
import static com.example.checkout.order.Checkouts.newCustomer;
import static com.example.checkout.order.Checkouts.twoBagsOfBeans;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Overload, made deterministic: another transaction holds the {@code orders} table, so admitted checkouts cannot
 * finish and stay in flight for as long as the test wants; every request beyond the limit must then be turned
 * away without waiting for any of them.
 */
@TestPropertySource(properties = {
        "checkout.admission.max-in-flight=" + CheckoutAdmissionIntegrationTests.LIMIT,
        // The admitted checkouts wait on the test's table lock, not on another holder of their key.
        "checkout.idempotency.in-flight-wait=30s"})
class CheckoutAdmissionIntegrationTests extends OrderServiceIntegrationTest {

    static final int LIMIT = 3;
    private static final int CLIENTS = 12;

    @Autowired
    private DataSource dataSource;

    @Autowired
    private MeterRegistry meters;

    @Test
    void checkoutsBeyondTheLimitAreTurnedAwayAtOnceAndRetriesWithTheirKeyPlaceOneOrderEach() throws Exception {
        // given an order placed earlier, and checkouts that cannot finish while the test holds the orders table
        String earlierOrder = json(api().checkout(twoBagsOfBeans(newCustomer())).body()).get("orderId").asString();
        List<Client> clients = IntStream.range(0, CLIENTS).mapToObj(i -> new Client()).toList();
        RowCounts before = rowCounts();
        long capturesBefore = ledger().balance().captures();
        double rejectedBefore = counter("checkout.admission.rejected");

        try (ExecutorService threads = Executors.newFixedThreadPool(CLIENTS);
             Connection blocker = dataSource.getConnection()) {
            blocker.setAutoCommit(false);
            try (Statement lock = blocker.createStatement()) {
                lock.execute("LOCK TABLE orders IN EXCLUSIVE MODE");
            }

            // when twelve clients check out at once, each with its own Idempotency-Key
            List<CompletableFuture<HttpResponse<String>>> first = clients.stream()
                    .map(client -> CompletableFuture.supplyAsync(client::checkout, threads))
                    .toList();

            // then all but LIMIT are answered while those LIMIT are still stuck: nobody waited for a checkout
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> first.stream().filter(CompletableFuture::isDone).count() == CLIENTS - LIMIT);
            assertThat(gauge("checkout.admission.in.flight")).isEqualTo(LIMIT);
            assertThat(gauge("checkout.admission.limit")).isEqualTo(LIMIT);
            List<HttpResponse<String>> rejected = first.stream().filter(CompletableFuture::isDone)
                    .map(CompletableFuture::join).toList();
            assertThat(rejected).allSatisfy(response -> {
                assertThat(response.statusCode()).isEqualTo(503);
                assertThat(response.headers().firstValue("Retry-After")).contains("1");
                assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
                assertThat(json(response.body()).get("type").asString())
                        .isEqualTo("https://checkout.example.com/problems/overloaded");
            });
            assertThat(counter("checkout.admission.rejected") - rejectedBefore).isEqualTo(CLIENTS - LIMIT);

            // and reads and probes are served while the checkouts hold their connections
            assertThat(api().get("/orders/" + earlierOrder).statusCode()).isEqualTo(200);
            assertThat(api().get("/actuator/health").statusCode()).isEqualTo(200);
            assertThat(api().get("/actuator/health/readiness").statusCode()).isEqualTo(200);

            // when the database lets go, the admitted ones complete
            blocker.rollback();
            List<HttpResponse<String>> admitted = first.stream().map(CompletableFuture::join)
                    .filter(response -> response.statusCode() != 503).toList();
            assertThat(admitted).hasSize(LIMIT).extracting(HttpResponse::statusCode).containsOnly(201);
        }

        // then only the admitted checkouts wrote and charged anything
        assertThat(rowCounts().minus(before)).isEqualTo(new RowCounts(LIMIT, LIMIT, LIMIT, LIMIT));
        assertThat(ledger().balance().captures() - capturesBefore).isEqualTo(LIMIT);

        // when every client retries with its key until it is served (at once, all together: overload again)
        try (ExecutorService threads = Executors.newFixedThreadPool(CLIENTS)) {
            List<CompletableFuture<HttpResponse<String>>> retries = clients.stream()
                    .map(client -> CompletableFuture.supplyAsync(client::checkoutUntilServed, threads))
                    .toList();
            assertThat(retries).extracting(CompletableFuture::join).extracting(HttpResponse::statusCode)
                    .containsOnly(201);
        }

        // then each key placed exactly one order, charged once
        assertThat(rowCounts().minus(before)).isEqualTo(new RowCounts(CLIENTS, CLIENTS, CLIENTS, CLIENTS));
        assertThat(ledger().balance().captures() - capturesBefore).isEqualTo(CLIENTS);
        Map<String, Long> ordersByCustomer = new java.util.HashMap<>();
        for (Client client : clients) {
            ordersByCustomer.put(client.customer, database.sql("SELECT count(*) FROM orders WHERE customer_id = :c")
                    .param("c", client.customer).query(Long.class).single());
        }
        assertThat(ordersByCustomer).allSatisfy((customer, orders) -> assertThat(orders).isEqualTo(1));
        assertThat(clients).allSatisfy(client -> assertThat(client.orderIds()).hasSize(1));
    }

    private double counter(String name) {
        return meters.get(name).counter().count();
    }

    private double gauge(String name) {
        return meters.get(name).gauge().value();
    }

    /** A shopper with one checkout and one Idempotency-Key, who remembers every order id it was given. */
    private final class Client {

        final String customer = newCustomer();
        final String key = UUID.randomUUID().toString();
        private final List<String> orderIds = new ArrayList<>();

        HttpResponse<String> checkout() {
            HttpResponse<String> response = api().checkout(twoBagsOfBeans(customer), key);
            if (response.statusCode() == 201) {
                synchronized (orderIds) {
                    orderIds.add(json(response.body()).get("orderId").asString());
                }
            }
            return response;
        }

        /** Retries a 503 right away (a worse client than Retry-After asks for), at most 200 times. */
        HttpResponse<String> checkoutUntilServed() {
            HttpResponse<String> response = checkout();
            for (int attempt = 1; response.statusCode() == 503 && attempt < 200; attempt++) {
                response = checkout();
            }
            return response;
        }

        List<String> orderIds() {
            synchronized (orderIds) {
                return orderIds.stream().distinct().toList();
            }
        }
    }
}
