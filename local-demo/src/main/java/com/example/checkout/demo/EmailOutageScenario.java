package com.example.checkout.demo;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import tools.jackson.databind.JsonNode;

import com.example.checkout.services.SystemService;

/**
 * The classic story: shoppers keep checking out while the email provider is down. A steady stream of checkouts
 * runs through three phases (before, during and after an SMTP outage); then the scenario waits for the backlog to
 * drain and checks, by counting, that every order got exactly one email and that stock and analytics match the
 * orders. It prints a table and answers whether every invariant held.
 */
final class EmailOutageScenario {

    static final String NAME = "email-outage";

    private static final List<String> SKUS = java.util.stream.IntStream.rangeClosed(1, 20)
            .mapToObj(n -> "SKU-%03d".formatted(n)).toList();

    private final LocalSystem system;
    private final ScenarioSettings settings;
    private final PrintStream out;
    private final ShopperClient client;
    /** From SMTP's return until every order placed before it had its email; null if that never happened. */
    private volatile Duration backlogDrained;

    EmailOutageScenario(LocalSystem system, ScenarioSettings settings, PrintStream out) {
        this.system = system;
        this.settings = settings;
        this.out = out;
        this.client = new ShopperClient(system.ports(), system.admin());
    }

    enum Phase {
        BEFORE("before outage"), DURING("during outage"), AFTER("after outage");

        final String label;

        Phase(String label) {
            this.label = label;
        }
    }

    private record Attempt(Phase phase, List<ShopperClient.Line> lines, ShopperClient.CheckoutResult result, long nanos) {
    }

    /** Runs the scenario and prints its table; true only if every invariant held. */
    boolean run() {
        long baselineEmails = ReceivedEmail.all(system.infrastructure()).size();
        Map<String, Long> baselineStock = stockBySku();
        JsonNode baselineAnalytics = client.analyticsSummary();

        out.printf("%nEmail outage scenario: %d checkouts/s; SMTP down from %d s to %d s; %d s in all%n",
                settings.rate(), settings.phase().toSeconds(), 2 * settings.phase().toSeconds(), 3 * settings.phase().toSeconds());
        List<Attempt> attempts = placeOrdersThroughTheOutage();

        List<Attempt> placed = attempts.stream().filter(attempt -> attempt.result().placed()).toList();
        List<String> orderIds = placed.stream().map(attempt -> attempt.result().orderId()).toList();
        boolean drained = awaitEmails(orderIds);
        int replayed = 0;
        if (!drained && client.deadLetterCount(SystemService.EMAIL) > 0) {
            // Retries ran out before SMTP came back: the operator's move is a replay from the DLT.
            replayed = client.deadLetterCount(SystemService.EMAIL);
            out.printf("  %d email(s) parked on the DLT; replaying them%n", replayed);
            client.replayDeadLetters(SystemService.EMAIL);
            drained = awaitEmails(orderIds);
        }

        Map<String, Integer> expectedUnits = unitsBySku(placed);
        long expectedRevenue = placed.stream().mapToLong(attempt -> attempt.result().totalCents()).sum();
        boolean analyticsMatch = awaitTrue(() -> analyticsMatch(baselineAnalytics, placed.size(), expectedRevenue));
        boolean stockMatches = awaitTrue(() -> stockMatches(baselineStock, expectedUnits));

        Map<String, Long> emailsPerOrder = emailsPerOrder(orderIds);
        long delivered = emailsPerOrder.values().stream().filter(count -> count > 0).count();
        long duplicates = emailsPerOrder.values().stream().mapToLong(count -> Math.max(0, count - 1)).sum();
        long newEmails = ReceivedEmail.all(system.infrastructure()).size() - baselineEmails;
        int deadLetters = client.deadLetterCount(SystemService.EMAIL);

        boolean allPlaced = placed.size() == attempts.size();
        boolean exactlyOnce = delivered == orderIds.size() && duplicates == 0 && newEmails == orderIds.size();

        out.println();
        out.printf("%-26s %10s %10s %8s %8s%n", "phase", "attempted", "succeeded", "p50 ms", "p99 ms");
        for (Phase phase : Phase.values()) {
            List<Attempt> inPhase = attempts.stream().filter(attempt -> attempt.phase() == phase).toList();
            List<Long> latencies = inPhase.stream().map(Attempt::nanos).sorted().toList();
            out.printf("%-26s %10d %10d %8.1f %8.1f%n", phase.label, inPhase.size(),
                    inPhase.stream().filter(attempt -> attempt.result().placed()).count(),
                    percentile(latencies, 50), percentile(latencies, 99));
        }
        out.printf("%-26s %10d / %d orders%n", "emails delivered", delivered, orderIds.size());
        out.printf("%-26s %10d%n", "duplicate emails", duplicates);
        out.printf("%-26s %10d%s%n", "email DLT size", deadLetters, replayed > 0 ? " (after replaying " + replayed + ")" : "");
        out.printf("%-26s %10s after SMTP returned%n", "time to drain",
                backlogDrained == null ? "n/a" : "%.1f s".formatted(backlogDrained.toMillis() / 1000.0));
        out.printf("%-26s %10s%n", "stock matches orders", yesNo(stockMatches));
        out.printf("%-26s %10s%n", "analytics match orders", yesNo(analyticsMatch));
        boolean held = allPlaced && drained && exactlyOnce && stockMatches && analyticsMatch;
        out.println(held ? "RESULT: every invariant held" : "RESULT: an invariant was broken");
        return held;
    }

    private List<Attempt> placeOrdersThroughTheOutage() {
        ConcurrentLinkedQueue<Attempt> attempts = new ConcurrentLinkedQueue<>();
        long periodNanos = TimeUnit.SECONDS.toNanos(1) / settings.rate();
        long phaseNanos = settings.phase().toNanos();
        Random random = new Random(42);
        long start = System.nanoTime();
        int total = (int) (3 * phaseNanos / periodNanos);
        try (ExecutorService shoppers = Executors.newVirtualThreadPerTaskExecutor();
             ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor()) {
            clock.schedule(() -> switchSmtp(false), phaseNanos, TimeUnit.NANOSECONDS);
            clock.schedule(() -> {
                switchSmtp(true);
                awaitBacklog(attempts);
            }, 2 * phaseNanos, TimeUnit.NANOSECONDS);
            for (int n = 0; n < total; n++) {
                // A steady arrival rate, like real traffic: a slow checkout does not delay the next shopper.
                LockSupport.parkNanos(start + n * periodNanos - System.nanoTime());
                Phase phase = Phase.values()[(int) Math.min(2, (System.nanoTime() - start) / phaseNanos)];
                List<ShopperClient.Line> lines = randomLines(random);
                int shopper = n;
                shoppers.submit(() -> {
                    long sent = System.nanoTime();
                    ShopperClient.CheckoutResult result = checkoutOrFailure(shopper, lines);
                    attempts.add(new Attempt(phase, lines, result, System.nanoTime() - sent));
                });
            }
            LockSupport.parkNanos(start + 3 * phaseNanos - System.nanoTime());
        }
        // Closing the clock waited for SMTP's return and the backlog; closing the shoppers, for every checkout.
        return new ArrayList<>(attempts);
    }

    /** Measures how long the emails held back by the outage take to go out once SMTP is back. */
    private void awaitBacklog(Collection<Attempt> attemptsSoFar) {
        long smtpBack = System.nanoTime();
        List<String> backlog = attemptsSoFar.stream().filter(attempt -> attempt.result().placed())
                .map(attempt -> attempt.result().orderId()).toList();
        if (awaitEmails(backlog)) {
            backlogDrained = Duration.ofNanos(System.nanoTime() - smtpBack);
        }
    }

    private ShopperClient.CheckoutResult checkoutOrFailure(int shopper, List<ShopperClient.Line> lines) {
        try {
            return client.checkout("shopper-" + shopper, "shopper-" + shopper + "@example.com", lines);
        } catch (RuntimeException failed) {
            return new ShopperClient.CheckoutResult(0, null, 0);
        }
    }

    private void switchSmtp(boolean up) {
        if (up) {
            system.infrastructure().smtp().start();
            out.println("  SMTP is back");
        } else {
            system.infrastructure().smtp().stop();
            out.println("  SMTP is down");
        }
    }

    private static List<ShopperClient.Line> randomLines(Random random) {
        List<String> skus = new ArrayList<>(SKUS);
        Collections.shuffle(skus, random);
        int lineCount = 1 + random.nextInt(3);
        return skus.subList(0, lineCount).stream().map(sku -> new ShopperClient.Line(sku, 1 + random.nextInt(2))).toList();
    }

    private boolean awaitEmails(List<String> orderIds) {
        return awaitTrue(() -> emailsPerOrder(orderIds).values().stream().allMatch(count -> count > 0));
    }

    private boolean awaitTrue(BooleanSupplier condition) {
        return settings.holdsWithinDrainTimeout(condition);
    }

    private Map<String, Long> emailsPerOrder(List<String> orderIds) {
        List<ReceivedEmail> inbox = ReceivedEmail.all(system.infrastructure());
        Map<String, Long> counts = new HashMap<>();
        for (String orderId : orderIds) {
            counts.put(orderId, inbox.stream().filter(email -> email.isAbout(orderId)).count());
        }
        return counts;
    }

    private Map<String, Long> stockBySku() {
        Map<String, Long> stock = new HashMap<>();
        SKUS.forEach(sku -> stock.put(sku, client.stock(sku)));
        return stock;
    }

    private static Map<String, Integer> unitsBySku(List<Attempt> placed) {
        Map<String, Integer> units = new HashMap<>();
        placed.forEach(attempt -> attempt.lines().forEach(line -> units.merge(line.sku(), line.quantity(), Integer::sum)));
        return units;
    }

    private boolean stockMatches(Map<String, Long> baseline, Map<String, Integer> expectedUnits) {
        Map<String, Long> now = stockBySku();
        return SKUS.stream().allMatch(sku -> baseline.get(sku) - now.get(sku) == expectedUnits.getOrDefault(sku, 0));
    }

    private boolean analyticsMatch(JsonNode baseline, int orders, long revenueCents) {
        JsonNode now = client.analyticsSummary();
        return now.path("orders").asLong() - baseline.path("orders").asLong() == orders
                && now.path("revenueCents").asLong() - baseline.path("revenueCents").asLong() == revenueCents;
    }

    private static double percentile(List<Long> sortedNanos, int percentile) {
        if (sortedNanos.isEmpty()) {
            return 0;
        }
        int index = (int) Math.ceil(percentile / 100.0 * sortedNanos.size()) - 1;
        return sortedNanos.get(Math.max(0, index)) / 1e6;
    }

    private static String yesNo(boolean value) {
        return value ? "yes" : "NO";
    }
}
