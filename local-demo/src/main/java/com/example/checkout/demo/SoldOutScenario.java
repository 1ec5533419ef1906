package com.example.checkout.demo;

import java.io.PrintStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

import com.example.checkout.infrastructure.PaymentLedger;
import com.example.checkout.services.SystemService;
import tools.jackson.databind.JsonNode;

/**
 * The saga under a run on one product: more orders for one SKU than it has stock, all at once. Each order is
 * charged at checkout; inventory reserves the first ones and rejects the rest; the order service confirms, or
 * refunds and cancels; email and analytics follow. The scenario waits for every outcome, counts the provider's
 * ledger, the emails in the SMTP server, stock and analytics, prints the books and answers whether they balance:
 * exactly as many orders confirmed as the stock can serve and the rest cancelled (books in which nothing sold out
 * would balance too, and prove nothing of the saga), captured − refunded = revenue of the confirmed orders =
 * analytics' net revenue, one refund and one cancellation email per cancelled order, stock down by exactly the
 * confirmed units, nothing dead-lettered.
 */
final class SoldOutScenario {

    static final String NAME = "sold-out";

    private static final String SKU = "SKU-020";
    /** Enough shoppers at once to race, few enough to stay within the checkout's admission limit. */
    private static final int SHOPPERS_AT_ONCE = 4;

    private final LocalSystem system;
    private final ScenarioSettings settings;
    private final PrintStream out;
    private final ShopperClient client;

    SoldOutScenario(LocalSystem system, ScenarioSettings settings, PrintStream out) {
        this.system = system;
        this.settings = settings;
        this.out = out;
        this.client = new ShopperClient(system.ports(), system.admin());
    }

    /** Runs the scenario and prints its table; true only if the books balance. */
    boolean run() {
        // The provider's own books over its API: what the money did, not what order-service believes.
        PaymentLedger provider = new PaymentLedger(URI.create(system.ports().url(SystemService.PAYMENT_PROVIDER)));
        PaymentLedger.Balance providerBefore = provider.balance();
        long stockBefore = client.stock(SKU);
        // About two thirds of the orders fit in the stock, the rest cannot be served.
        int units = (int) Math.max(1, Math.min(100, stockBefore * 3 / (2L * settings.orders())));
        // Every order is of the same size and reserved whole or not at all: the first this many are served.
        long servable = stockBefore / units;
        JsonNode analyticsBefore = client.analyticsSummary();
        int deadLettersBefore = deadLetters();
        out.printf("%nSold-out scenario: %d orders of %d x %s at once, %d in stock (enough for %d)%n",
                settings.orders(), units, SKU, stockBefore, servable);

        List<ShopperClient.CheckoutResult> attempts = placeAllAtOnce(units);
        List<ShopperClient.CheckoutResult> placed = attempts.stream().filter(ShopperClient.CheckoutResult::placed).toList();
        List<String> orderIds = placed.stream().map(ShopperClient.CheckoutResult::orderId).toList();
        // Progress lines: the console shows what the scenario printed so far while it runs.
        out.printf("%d of %d orders placed; waiting for inventory to reserve or reject each one%n", placed.size(),
                attempts.size());

        boolean settled = awaitTrue(() -> orderIds.stream().noneMatch(id -> "PLACED".equals(status(id))));
        Map<String, List<JsonNode>> byStatus = orderIds.stream().map(client::order)
                .collect(Collectors.groupingBy(order -> order.path("status").asString()));
        List<JsonNode> confirmed = byStatus.getOrDefault("CONFIRMED", List.of());
        List<JsonNode> cancelled = byStatus.getOrDefault("CANCELLED", List.of());
        long confirmedRevenue = confirmed.stream().mapToLong(order -> order.path("totalCents").asLong()).sum();
        out.printf("%s: %d confirmed, %d cancelled; waiting for their emails and analytics%n",
                settled ? "every order settled" : "NOT every order settled", confirmed.size(), cancelled.size());

        boolean emailsArrived = awaitTrue(() -> cancelled.stream().allMatch(order -> mails(order, "cancelled") == 1)
                && confirmed.stream().allMatch(order -> mails(order, "confirmed") == 1));
        boolean analyticsCaughtUp = awaitTrue(() -> analyticsDelta(analyticsBefore, "revenueCents") == confirmedRevenue
                && analyticsDelta(analyticsBefore, "cancelledOrders") == cancelled.size());

        PaymentLedger.Balance books = provider.balance().minus(providerBefore);
        long captured = books.capturedAmount();
        long refunded = books.refundedAmount();
        long refunds = books.refunds();
        long stockAfter = client.stock(SKU);
        long confirmations = orderIds.stream().mapToLong(id -> mails(id, "confirmed")).sum();
        long cancellations = orderIds.stream().mapToLong(id -> mails(id, "cancelled")).sum();
        boolean noCancellationForAConfirmedOrder = confirmed.stream().allMatch(order -> mails(order, "cancelled") == 0);
        long analyticsRevenue = analyticsDelta(analyticsBefore, "revenueCents");
        int newDeadLetters = deadLetters() - deadLettersBefore;

        out.println();
        out.printf("%-30s %14d%n", "orders placed", placed.size());
        out.printf("%-30s %14d%n", "  confirmed", confirmed.size());
        out.printf("%-30s %14d%n", "  cancelled", cancelled.size());
        out.printf("%-30s %14d%n", "refunds on the provider", refunds);
        out.printf("%-30s %8d -> %3d%n", "stock of " + SKU, stockBefore, stockAfter);
        out.printf("%-30s %14d%n", "confirmation emails", confirmations);
        out.printf("%-30s %14d%n", "cancellation emails", cancellations);
        out.printf("%-30s %14s%n", "captured (provider)", money(captured));
        out.printf("%-30s %14s%n", "refunded (provider)", money(refunded));
        out.printf("%-30s %14s%n", "captured - refunded", money(captured - refunded));
        out.printf("%-30s %14s%n", "revenue of confirmed orders", money(confirmedRevenue));
        out.printf("%-30s %14s%n", "analytics net revenue", money(analyticsRevenue));
        out.printf("%-30s %14d%n", "new dead letters (all groups)", newDeadLetters);

        long canBeServed = Math.min(placed.size(), servable);
        boolean balanced = placed.size() == attempts.size() && settled && emailsArrived && analyticsCaughtUp
                && confirmed.size() == canBeServed && cancelled.size() == placed.size() - canBeServed
                && refunds == cancelled.size()
                && captured - refunded == confirmedRevenue
                && analyticsRevenue == confirmedRevenue
                && cancellations == cancelled.size() && noCancellationForAConfirmedOrder
                && stockBefore - stockAfter == (long) confirmed.size() * units
                && newDeadLetters == 0;
        out.println(balanced ? "RESULT: the books balance" : "RESULT: the books do NOT balance");
        return balanced;
    }

    private List<ShopperClient.CheckoutResult> placeAllAtOnce(int units) {
        ConcurrentLinkedQueue<ShopperClient.CheckoutResult> results = new ConcurrentLinkedQueue<>();
        Semaphore shoppers = new Semaphore(SHOPPERS_AT_ONCE);
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int n = 0; n < settings.orders(); n++) {
                int shopper = n;
                threads.submit(() -> {
                    shoppers.acquireUninterruptibly();
                    try {
                        results.add(client.checkoutRetryingWhenBusy("sold-out-" + shopper,
                                "sold-out-" + shopper + "@example.com", List.of(new ShopperClient.Line(SKU, units))));
                    } catch (RuntimeException failed) {
                        results.add(new ShopperClient.CheckoutResult(0, null, 0));
                    } finally {
                        shoppers.release();
                    }
                });
            }
        }
        return new ArrayList<>(results);
    }

    /** What the three consumer groups have parked on their DLTs. */
    private int deadLetters() {
        return client.deadLetterCount(SystemService.EMAIL) + client.deadLetterCount(SystemService.INVENTORY)
                + client.deadLetterCount(SystemService.ANALYTICS);
    }

    private String status(String orderId) {
        return client.order(orderId).path("status").asString();
    }

    private long mails(JsonNode order, String outcome) {
        return mails(order.path("orderId").asString(), outcome);
    }

    /** Emails the SMTP server received whose subject says the order is {@code confirmed} or {@code cancelled}. */
    private long mails(String orderId, String outcome) {
        return ReceivedEmail.all(system.infrastructure()).stream()
                .filter(email -> email.isAbout(orderId) && email.subject().endsWith("is " + outcome)).count();
    }

    private long analyticsDelta(JsonNode before, String field) {
        return client.analyticsSummary().path(field).asLong() - before.path(field).asLong();
    }

    private boolean awaitTrue(BooleanSupplier condition) {
        return settings.holdsWithinDrainTimeout(condition);
    }

    private static String money(long cents) {
        return String.format(Locale.ROOT, "%d.%02d EUR", cents / 100, Math.abs(cents % 100));
    }
}
