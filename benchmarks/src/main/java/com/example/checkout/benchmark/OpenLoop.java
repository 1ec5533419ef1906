package com.example.checkout.benchmark;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * Offers checkouts at a fixed rate, open loop: request n is due at {@code start + n / rate} and is sent then,
 * whether or not earlier ones have been answered, and its latency is counted from when it was due, not from when
 * it was sent. A stalled server therefore shows up as the latency every shopper behind the stall would have seen
 * (no coordinated omission), and a slow client thread cannot hide it either.
 */
final class OpenLoop {

    private static final Pattern ORDER_ID = Pattern.compile("\"orderId\":\"([0-9a-f-]{36})\"");
    private static final long HIGHEST_MICROS = TimeUnit.MINUTES.toMicros(2);

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final URI checkout;
    private final AtomicLong customers = new AtomicLong();

    OpenLoop(int orderServicePort) {
        this.checkout = URI.create("http://localhost:" + orderServicePort + "/checkout");
    }

    /** Offers {@code rate} checkouts per second for {@code duration} and waits for every answer. */
    Step offer(String label, int rate, Duration duration) {
        long periodNanos = TimeUnit.SECONDS.toNanos(1) / rate;
        int total = (int) (duration.toNanos() / periodNanos);
        int seconds = (int) Math.ceil(duration.toNanos() / 1e9);
        Step step = new Step(label, rate, duration, seconds);
        List<CompletableFuture<Void>> answers = new ArrayList<>(total);
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(20);
        for (int n = 0; n < total; n++) {
            long due = start + n * periodNanos;
            LockSupport.parkNanos(due - System.nanoTime());
            answers.add(http.sendAsync(request(), HttpResponse.BodyHandlers.ofString())
                    .handle((response, failure) -> {
                        long micros = (System.nanoTime() - due) / 1000;
                        int second = (int) Math.min(seconds - 1, (due - start) / TimeUnit.SECONDS.toNanos(1));
                        step.record(second, micros, failure == null ? response.statusCode() : 0,
                                failure == null ? response.body() : null);
                        return null;
                    }));
        }
        CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).join();
        return step;
    }

    private HttpRequest request() {
        long n = customers.incrementAndGet();
        ThreadLocalRandom random = ThreadLocalRandom.current();
        int first = 1 + random.nextInt(20);
        String items = random.nextBoolean()
                ? "[{\"sku\":\"%s\",\"quantity\":%d}]".formatted(sku(first), 1 + random.nextInt(2))
                : "[{\"sku\":\"%s\",\"quantity\":1},{\"sku\":\"%s\",\"quantity\":1}]".formatted(sku(first),
                sku(1 + first % 20));
        String body = """
                {"customerId":"bench-%d","email":"shopper%d@example.com","items":%s,"paymentToken":"tok_ok"}"""
                .formatted(n, n, items);
        return HttpRequest.newBuilder(checkout)
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", "bench-" + n)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
    }

    private static String sku(int n) {
        return "SKU-%03d".formatted(n);
    }

    static Histogram histogram() {
        return new ConcurrentHistogram(HIGHEST_MICROS, 3);
    }

    /** What one rate got: latencies in microseconds from when each request was due. */
    static final class Step {

        final String label;
        final int rate;
        final Duration duration;
        final Histogram placed = histogram();
        final Histogram rejected = histogram();
        final Histogram failed = histogram();
        final Histogram[] placedPerSecond;
        final long[] rejectedPerSecond;
        final Queue<String> orderIds = new ConcurrentLinkedQueue<>();

        Step(String label, int rate, Duration duration, int seconds) {
            this.label = label;
            this.rate = rate;
            this.duration = duration;
            this.placedPerSecond = new Histogram[seconds];
            for (int i = 0; i < seconds; i++) {
                placedPerSecond[i] = histogram();
            }
            this.rejectedPerSecond = new long[seconds];
        }

        void record(int second, long micros, int status, String body) {
            long value = Math.min(micros, HIGHEST_MICROS);
            if (status == 201) {
                placed.recordValue(value);
                placedPerSecond[second].recordValue(value);
                Matcher id = ORDER_ID.matcher(body);
                if (id.find()) {
                    orderIds.add(id.group(1));
                }
            } else if (status == 503) {
                rejected.recordValue(value);
                synchronized (rejectedPerSecond) {
                    rejectedPerSecond[second]++;
                }
            } else {
                failed.recordValue(value);
            }
        }

        long offered() {
            return placed.getTotalCount() + rejected.getTotalCount() + failed.getTotalCount();
        }

        double seconds() {
            return duration.toNanos() / 1e9;
        }

        double goodput() {
            return placed.getTotalCount() / seconds();
        }
    }
}
