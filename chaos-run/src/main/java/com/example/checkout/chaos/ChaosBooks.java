package com.example.checkout.chaos;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import com.example.checkout.infrastructure.Infrastructure;
import com.example.checkout.infrastructure.PaymentLedger;
import com.example.checkout.services.SystemService;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import tools.jackson.databind.JsonNode;

/**
 * The chaos run's audit: what every service recorded and what the provider's ledger and the SMTP server received,
 * read from the outside and compared order by order with what the shoppers were told. A violation is anything that
 * is lost, doubled or contradictory; until the effects have all arrived some "missing" ones are just late, which
 * is why the run waits for {@link #settled()} before it judges.
 */
final class ChaosBooks {

    private final ChaosSystem system;
    private final Infrastructure infrastructure;
    private final ChaosShoppers shoppers;
    private final Map<String, Long> stockAtStart;
    private final Instant since;

    /** @param stockAtStart each SKU's available stock before the first checkout */
    ChaosBooks(ChaosSystem system, Infrastructure infrastructure, ChaosShoppers shoppers,
               Map<String, Long> stockAtStart, Instant since) {
        this.system = system;
        this.infrastructure = infrastructure;
        this.shoppers = shoppers;
        this.stockAtStart = Map.copyOf(stockAtStart);
        this.since = since.minusSeconds(60);
    }

    boolean settled() {
        return report(List.of()).violations().isEmpty();
    }

    /** The books as they stand, with the faults that were injected. */
    ChaosReport report(List<String> faults) {
        List<String> violations = new ArrayList<>();
        Map<String, Long> counts = new LinkedHashMap<>();
        Map<UUID, ChaosShoppers.Answer> answered = shoppers.answered().values().stream()
                .collect(Collectors.toMap(ChaosShoppers.Answer::orderId, answer -> answer, (a, b) -> a));
        counts.put("answered 201", (long) shoppers.answered().size());
        counts.put("shopper retries", (long) shoppers.retries());
        shoppers.failed().forEach((key, why) -> violations.add(key + ": no order (" + why + ")"));
        if (answered.size() != shoppers.answered().size()) {
            violations.add("two Idempotency-Keys answered with one order id");
        }

        // order-service: one order per answered checkout, no other, each with its outcome
        Map<UUID, String> status = new HashMap<>();
        Map<String, Integer> ordersPerCustomer = new HashMap<>();
        system.database(SystemService.ORDER)
                .sql("SELECT id, customer_id, status FROM orders WHERE customer_id LIKE 'chaos-%'")
                .query(row -> {
                    status.put(row.getObject("id", UUID.class), row.getString("status"));
                    ordersPerCustomer.merge(row.getString("customer_id"), 1, Integer::sum);
                });
        counts.put("orders", (long) status.size());
        ordersPerCustomer.forEach((customer, orders) -> {
            if (orders > 1) {
                violations.add(customer + ": " + orders + " orders for one checkout");
            }
        });
        status.keySet().stream().filter(id -> !answered.containsKey(id))
                .forEach(id -> violations.add("order " + id + " was never answered 201"));
        answered.keySet().stream().filter(id -> !status.containsKey(id))
                .forEach(id -> violations.add("order " + id + " answered 201 but not in the orders table"));
        status.forEach((id, state) -> {
            if ("PLACED".equals(state)) {
                violations.add("order " + id + " still PLACED (no stock outcome)");
            }
        });
        Set<UUID> confirmed = ids(status, "CONFIRMED");
        Set<UUID> cancelled = ids(status, "CANCELLED");
        counts.put("confirmed", (long) confirmed.size());
        counts.put("cancelled", (long) cancelled.size());

        // the provider's ledger: one capture per order; refunded exactly when cancelled; orphans refunded
        PaymentLedger ledger = new PaymentLedger(system.process(SystemService.PAYMENT_PROVIDER).baseUrl());
        Map<String, List<JsonNode>> chargesByCustomer = ledger.captures(since).stream()
                .filter(charge -> charge.path("metadata").path("customer_id").asString("").startsWith("chaos-"))
                .collect(Collectors.groupingBy(charge -> charge.path("metadata").path("customer_id").asString()));
        Map<String, ChaosShoppers.Answer> answeredByCustomer = answered.values().stream()
                .collect(Collectors.toMap(ChaosShoppers.Answer::customerId, answer -> answer));
        long captures = 0;
        long refunds = 0;
        long orphans = 0;
        long net = 0;
        for (Map.Entry<String, List<JsonNode>> customer : chargesByCustomer.entrySet()) {
            List<JsonNode> charges = customer.getValue();
            captures += charges.size();
            long refunded = charges.stream().filter(charge -> charge.path("refunded").asBoolean()).count();
            refunds += refunded;
            net += charges.stream().filter(charge -> !charge.path("refunded").asBoolean())
                    .mapToLong(charge -> charge.get("amount").asLong()).sum();
            ChaosShoppers.Answer answer = answeredByCustomer.get(customer.getKey());
            if (answer == null) {
                orphans += charges.size();
                if (refunded < charges.size()) {
                    violations.add(customer.getKey() + ": captured without an order and not refunded");
                }
                continue;
            }
            if (charges.size() > 1) {
                violations.add(customer.getKey() + ": captured " + charges.size() + " times");
            }
            boolean shouldBeRefunded = cancelled.contains(answer.orderId());
            if (refunded != (shouldBeRefunded ? 1 : 0)) {
                violations.add(customer.getKey() + ": " + refunded + " refunds for a " + status.get(answer.orderId())
                        + " order");
            }
        }
        answeredByCustomer.keySet().stream().filter(customer -> !chargesByCustomer.containsKey(customer))
                .forEach(customer -> violations.add(customer + ": an order without a capture"));
        // An order nobody was answered 201 for is a violation above; its amount is not the shoppers' to know.
        long confirmedRevenue = confirmed.stream().filter(answered::containsKey).map(answered::get)
                .mapToLong(ChaosShoppers.Answer::totalCents).sum();
        if (net != confirmedRevenue) {
            violations.add("captures - refunds = " + net + " but confirmed orders total " + confirmedRevenue);
        }
        counts.put("captures", captures);
        counts.put("refunds", refunds);
        counts.put("orphan captures (refunded by reconciliation)", orphans);

        // email-service: the right emails, each sent once (a resend keeps its Message-ID), none lost on the way
        Map<UUID, Set<String>> templates = new HashMap<>();
        Map<String, String> sentMessageIds = new HashMap<>();
        system.database(SystemService.EMAIL)
                .sql("SELECT order_id, template, message_id, status FROM email_log")
                .query(row -> {
                    UUID order = row.getObject("order_id", UUID.class);
                    templates.computeIfAbsent(order, id -> new HashSet<>()).add(row.getString("template"));
                    if ("SENT".equals(row.getString("status"))) {
                        sentMessageIds.put(row.getString("message_id"), order + " " + row.getString("template"));
                    }
                });
        Map<String, Long> received = receivedMessageIds();
        for (UUID order : confirmed) {
            if (!templates.getOrDefault(order, Set.of()).equals(Set.of("order-confirmation"))) {
                violations.add("order " + order + " (CONFIRMED) has emails " + templates.get(order));
            }
        }
        for (UUID order : cancelled) {
            if (!templates.getOrDefault(order, Set.of()).contains("order-cancellation")) {
                violations.add("order " + order + " (CANCELLED) has emails " + templates.get(order));
            }
        }
        sentMessageIds.forEach((messageId, what) -> {
            if (!received.containsKey(messageId)) {
                violations.add("email " + what + " marked sent but never received");
            }
        });
        counts.put("emails sent (email_log)", (long) sentMessageIds.size());
        counts.put("emails received (SMTP)", received.values().stream().mapToLong(Long::longValue).sum());
        counts.put("resent with the same Message-ID", received.values().stream().filter(n -> n > 1)
                .mapToLong(n -> n - 1).sum());

        // inventory-service: each order's reservation, stock that adds up
        Map<UUID, String> reservations = new HashMap<>();
        Map<String, Long> reservedBySku = new HashMap<>();
        system.database(SystemService.INVENTORY)
                .sql("SELECT order_id, sku, quantity, status FROM reservations")
                .query(row -> {
                    reservations.put(row.getObject("order_id", UUID.class), row.getString("status"));
                    if ("RESERVED".equals(row.getString("status"))) {
                        reservedBySku.merge(row.getString("sku"), (long) row.getInt("quantity"), Long::sum);
                    }
                });
        for (UUID order : answered.keySet()) {
            String reservation = reservations.get(order);
            boolean expected = confirmed.contains(order) ? "RESERVED".equals(reservation)
                    : reservation != null && !"RESERVED".equals(reservation);
            if (!expected) {
                violations.add("order " + order + " (" + status.get(order) + ") has reservation " + reservation);
            }
        }
        system.database(SystemService.INVENTORY).sql("SELECT sku, available FROM stock")
                .query(row -> {
                    String sku = row.getString("sku");
                    long initial = stockAtStart.getOrDefault(sku, 0L);
                    long reserved = reservedBySku.getOrDefault(sku, 0L);
                    if (initial - row.getLong("available") != reserved) {
                        violations.add(sku + ": stock went down by " + (initial - row.getLong("available"))
                                + " but " + reserved + " units are reserved");
                    }
                });
        counts.put("reservations", (long) reservations.size());

        // analytics-service: every order counted once, every cancellation reversed once
        Set<UUID> counted = new HashSet<>(system.database(SystemService.ANALYTICS)
                .sql("SELECT order_id FROM order_sales").query(UUID.class).list());
        Set<UUID> reversed = new HashSet<>(system.database(SystemService.ANALYTICS)
                .sql("SELECT order_id FROM cancelled_sales").query(UUID.class).list());
        answered.keySet().stream().filter(order -> !counted.contains(order))
                .forEach(order -> violations.add("order " + order + " not counted by analytics"));
        cancelled.stream().filter(order -> !reversed.contains(order))
                .forEach(order -> violations.add("order " + order + " cancelled but its sale not reversed"));
        confirmed.stream().filter(reversed::contains)
                .forEach(order -> violations.add("order " + order + " confirmed but its sale reversed"));
        counts.put("analytics: orders counted", (long) counted.size());
        counts.put("analytics: sales reversed", (long) reversed.size());

        // nothing parked: the outages are waited out, not dead-lettered
        for (SystemService consumer : List.of(SystemService.ORDER, SystemService.EMAIL, SystemService.INVENTORY,
                SystemService.ANALYTICS)) {
            long parked = system.database(consumer)
                    .sql("SELECT count(*) FROM dead_letters WHERE status = 'PARKED'").query(Long.class).single();
            counts.put("DLT parked: " + consumer.serviceName(), parked);
            if (parked > 0) {
                violations.add(consumer.serviceName() + " parked " + parked + " record(s) on its DLT");
            }
        }
        return new ChaosReport(faults, shoppers.retriedBecause(), counts, violations);
    }

    private Map<String, Long> receivedMessageIds() {
        Map<String, Long> received = new HashMap<>();
        for (MimeMessage message : infrastructure.smtp().receivedMessages()) {
            try {
                received.merge(message.getMessageID(), 1L, Long::sum);
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }
        return received;
    }

    private static Set<UUID> ids(Map<UUID, String> status, String state) {
        return status.entrySet().stream().filter(entry -> state.equals(entry.getValue())).map(Map.Entry::getKey)
                .collect(Collectors.toSet());
    }
}
