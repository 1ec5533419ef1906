package com.example.checkout.chaos;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.example.checkout.services.SystemService;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Shoppers as a well-behaved client is written: one Idempotency-Key per checkout, kept across retries; a connection
 * error, a timeout or a 5xx (order-service killed, the database restarting, the provider unreachable) is retried
 * with the same key after a backoff (the 503's Retry-After) until an answer comes. Open loop: checkouts start at a
 * fixed pace whatever the system does.
 */
final class ChaosShoppers {

    private static final Duration GIVE_UP_AFTER = Duration.ofMinutes(3);
    private static final int SKUS = 19;

    private final ChaosSystem system;
    private final String scarceSku;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Map<String, Answer> answered = new ConcurrentHashMap<>();
    private final Map<String, String> failed = new ConcurrentHashMap<>();
    private final AtomicInteger retries = new AtomicInteger();
    private final Map<String, AtomicInteger> retriedBecause = new ConcurrentHashMap<>();

    ChaosShoppers(ChaosSystem system, String scarceSku) {
        this.system = system;
        this.scarceSku = scarceSku;
    }

    /** An order answered 201, as its shopper knows it. */
    record Answer(String customerId, String email, String sku, UUID orderId, long totalCents) {
    }

    /** Starts {@code count} checkouts, {@code perSecond} a second; returns when each has its answer (or gave up). */
    void checkOut(int count, int perSecond) throws InterruptedException {
        CountDownLatch done = new CountDownLatch(count);
        try (ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);
             ExecutorService shoppers = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < count; i++) {
                Shopper shopper = new Shopper(i, System.nanoTime() + GIVE_UP_AFTER.toNanos()
                        + i * 1_000_000_000L / perSecond, scheduler, shoppers, done);
                scheduler.schedule(() -> shoppers.submit(() -> shopper.attempt(0)), i * 1_000L / perSecond,
                        TimeUnit.MILLISECONDS);
            }
            if (!done.await(count / perSecond + GIVE_UP_AFTER.toSeconds() + 60, TimeUnit.SECONDS)) {
                throw new IllegalStateException(done.getCount() + " checkouts neither answered nor given up");
            }
        }
    }

    /** One checkout and its retries: each retry is scheduled after its backoff, nobody sleeps. */
    private final class Shopper {

        private final String customerId;
        private final String email;
        private final String sku;
        private final String key;
        private final String body;
        private final long giveUp;
        private final ScheduledExecutorService scheduler;
        private final ExecutorService shoppers;
        private final CountDownLatch done;

        Shopper(int shopper, long giveUp, ScheduledExecutorService scheduler, ExecutorService shoppers,
                CountDownLatch done) {
            this.customerId = "chaos-" + shopper;
            this.email = customerId + "@example.com";
            // One order in twenty asks for the scarce SKU: the saga cancels and refunds those beyond its stock.
            this.sku = shopper % 20 == 7 ? scarceSku : "SKU-%03d".formatted(1 + shopper % SKUS);
            this.key = "chaos-key-" + shopper;
            this.body = """
                    {"customerId":"%s","email":"%s","items":[{"sku":"%s","quantity":1}],"paymentToken":"tok_ok"}"""
                    .formatted(customerId, email, sku);
            this.giveUp = giveUp;
            this.scheduler = scheduler;
            this.shoppers = shoppers;
            this.done = done;
        }

        void attempt(int attempt) {
            if (System.nanoTime() > giveUp) {
                failed.put(key, "no answer within " + GIVE_UP_AFTER);
                done.countDown();
                return;
            }
            // Exponential backoff, at most 2 s: a thousand shoppers must not hammer a restarting service.
            Duration wait = Duration.ofMillis(Math.min(2_000, 100L << Math.min(attempt, 5)));
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                                URI.create("http://localhost:" + system.process(SystemService.ORDER).port() + "/checkout"))
                        .timeout(Duration.ofSeconds(15)).header("Content-Type", "application/json")
                        .header("Idempotency-Key", key).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 201) {
                    JsonNode confirmation = JsonMapper.shared().readTree(response.body());
                    answered.put(key, new Answer(customerId, email, sku,
                            UUID.fromString(confirmation.get("orderId").asString()),
                            confirmation.get("totalCents").asLong()));
                    done.countDown();
                    return;
                }
                // 409 "request in flight" is worth a retry; 409 "checkout abandoned" (the capture was refunded) is final.
                boolean inFlight = response.statusCode() == 409 && !response.body().contains("checkout-abandoned");
                if (response.statusCode() < 500 && !inFlight) {
                    failed.put(key, response.statusCode() + " " + response.body());
                    done.countDown();
                    return;
                }
                retried(String.valueOf(response.statusCode()));
                wait = response.headers().firstValue("Retry-After").map(Long::parseLong).map(Duration::ofSeconds)
                        .orElse(wait);
            } catch (IOException e) {
                retried(e.getClass().getSimpleName());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                done.countDown();
                return;
            }
            scheduler.schedule(() -> shoppers.submit(() -> attempt(attempt + 1)), wait.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void retried(String because) {
        retries.incrementAndGet();
        retriedBecause.computeIfAbsent(because, reason -> new AtomicInteger()).incrementAndGet();
    }

    /** The orders answered 201, by Idempotency-Key. */
    Map<String, Answer> answered() {
        return answered;
    }

    /** Checkouts that got a 4xx other than 409, or no answer at all: each is a violation. */
    Map<String, String> failed() {
        return failed;
    }

    int retries() {
        return retries.get();
    }

    /** The retries by their cause: a status code or an exception's name. */
    Map<String, Integer> retriedBecause() {
        Map<String, Integer> retries = new TreeMap<>();
        retriedBecause.forEach((because, n) -> retries.put(because, n.get()));
        return retries;
    }
}
