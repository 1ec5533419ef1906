package com.example.checkout.console.journey;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

import com.example.checkout.console.journey.Journey.State;
import com.example.checkout.console.journey.Journey.Step;
import com.example.checkout.console.system.ConsumerGroup;
import com.example.checkout.console.system.Money;
import com.example.checkout.console.system.ServiceClients;
import org.jspecify.annotations.Nullable;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClientException;

/**
 * Asks each service what it did for one order, all at once (the page must answer in well under a second even
 * when a service is down), and lays the answers out as the order's steps.
 */
@Component
class OrderJourneys implements AutoCloseable {

    /** email-service's templates ({@code GET /emails} rows carry them). */
    static final String CONFIRMATION = "order-confirmation";
    static final String CANCELLATION = "order-cancellation";

    private final ServiceClients services;
    private final ExecutorService calls = Executors.newVirtualThreadPerTaskExecutor();

    OrderJourneys(ServiceClients services) {
        this.services = services;
    }

    /** Empty when order-service does not know the order. */
    Optional<Journey> journey(UUID orderId) {
        CompletableFuture<Answer<List<SentEmail>>> emails = ask(() -> services.consumer(ConsumerGroup.EMAIL).get()
                .uri("/emails?orderId={id}", orderId).retrieve().body(new ParameterizedTypeReference<List<SentEmail>>() {
                }));
        CompletableFuture<Answer<List<Reservation>>> reservations = ask(() -> services.consumer(ConsumerGroup.INVENTORY)
                .get().uri("/reservations?orderId={id}", orderId).retrieve()
                .body(new ParameterizedTypeReference<List<Reservation>>() {
                }));
        CompletableFuture<Answer<CountedSale>> sale = ask(() -> services.analytics().get()
                .uri("/analytics/orders/{id}", orderId).retrieve().body(CountedSale.class));
        Journey.Order order;
        try {
            order = services.order().get().uri("/orders/{id}", orderId).retrieve().body(Journey.Order.class);
        } catch (HttpClientErrorException.NotFound unknown) {
            return Optional.empty();
        }
        return Optional.of(steps(Objects.requireNonNull(order), emails.join(), reservations.join(), sale.join()));
    }

    static Journey steps(Journey.Order order, Answer<List<SentEmail>> emails, Answer<List<Reservation>> reservations,
                         Answer<CountedSale> sale) {
        boolean cancelled = order.status().equals("CANCELLED");
        Step confirmation = emailStep(emails, CONFIRMATION, "email", "Confirmation email sent", cancelled);
        Step stock = stockStep(order, reservations);
        Step counted = saleStep(sale);
        List<Step> steps = new ArrayList<>();
        steps.add(new Step("placed", "Placed", State.DONE, order.placedAt(),
                "%d line(s), %s, payment taken; order and outbox row committed together".formatted(order.lines().size(),
                        Money.format(order.totalCents(), order.currency()))));
        steps.add(relayStep(List.of(confirmation, stock, counted)));
        steps.add(confirmation);
        steps.add(stock);
        steps.add(counted);
        if (cancelled) {
            steps.add(recorded(order, "REFUNDED", "refunded", "Refunded", "the payment was refunded"));
            steps.add(recorded(order, "CANCELLED", "outcome", "Cancelled",
                    Objects.requireNonNullElse(order.cancellationReason(), "cancelled")));
            steps.add(emailStep(emails, CANCELLATION, "cancellation-email", "Cancellation email sent", false));
        } else {
            steps.add(order.recorded("CONFIRMED")
                    .map(entry -> new Step("outcome", "Confirmed", State.DONE, entry.at(), "stock reserved, order confirmed"))
                    .orElseGet(() -> new Step("outcome", "Confirmed or cancelled", State.WAITING, null,
                            "waiting for inventory's answer to reach order-service")));
        }
        return new Journey(order, steps);
    }

    private static Step recorded(Journey.Order order, String timelineStep, String id, String title, String detail) {
        return order.recorded(timelineStep)
                .map(entry -> new Step(id, title, State.DONE, entry.at(), Objects.requireNonNullElse(entry.detail(), detail)))
                .orElseGet(() -> new Step(id, title, State.WAITING, null, "not recorded yet"));
    }

    /** The relay keeps no per-order record; the first consumer to see the event proves it reached Kafka by then. */
    private static Step relayStep(List<Step> consumerSteps) {
        Optional<Instant> firstSeen = consumerSteps.stream().map(Step::at).filter(Objects::nonNull)
                .min(Comparator.naturalOrder());
        return firstSeen.map(at -> new Step("relayed", "Relayed to Kafka", State.DONE, at,
                        "OrderPlaced on topic orders, no later than its first consumer saw it"))
                .orElseGet(() -> new Step("relayed", "Relayed to Kafka", State.WAITING, null,
                        "no consumer has seen the event yet"));
    }

    /** An email of one template; an order that was cancelled may rightly never get its confirmation. */
    private static Step emailStep(Answer<List<SentEmail>> emails, String template, String id, String title,
                                  boolean mayBeSkipped) {
        if (emails.failed()) {
            return new Step(id, title, State.UNKNOWN, null, "email-service did not answer");
        }
        return emails.value().stream()
                .filter(sent -> sent.template() == null ? template.equals(CONFIRMATION) : sent.template().equals(template))
                .min(Comparator.comparing(SentEmail::sentAt))
                .map(sent -> new Step(id, title, State.DONE, sent.sentAt(),
                        "to " + sent.recipient() + ", Message-ID " + sent.messageId()))
                .orElseGet(() -> mayBeSkipped
                        ? new Step(id, title, State.SKIPPED, null, "not sent: the order was cancelled")
                        : new Step(id, title, State.WAITING, null,
                                "not sent yet (retrying, paused or parked: see the overview)"));
    }

    private static Step stockStep(Journey.Order order, Answer<List<Reservation>> reservations) {
        if (reservations.failed()) {
            return new Step("stock", "Stock reserved", State.UNKNOWN, null, "inventory-service did not answer");
        }
        List<Reservation> lines = reservations.value();
        if (lines.size() < order.lines().size()) {
            return new Step("stock", "Stock reserved", State.WAITING, null,
                    "%d of %d line(s) reserved so far".formatted(lines.size(), order.lines().size()));
        }
        Instant at = lines.stream().map(Reservation::reservedAt).max(Comparator.naturalOrder()).orElse(null);
        List<Reservation> rejected = lines.stream().filter(line -> !line.status().equals("RESERVED")).toList();
        if (!rejected.isEmpty()) {
            return new Step("stock", "Stock rejected", State.FAILED, at, rejected.stream()
                    .map(line -> line.sku() + ": " + Objects.requireNonNullElse(line.reason(), line.status()))
                    .reduce((a, b) -> a + "; " + b).orElse(""));
        }
        return new Step("stock", "Stock reserved", State.DONE, at, lines.stream()
                .map(line -> line.quantity() + " × " + line.sku()).reduce((a, b) -> a + ", " + b).orElse(""));
    }

    private static Step saleStep(Answer<CountedSale> sale) {
        if (sale.notFound()) {
            return new Step("sale", "Sale counted", State.WAITING, null, "analytics has not counted it yet");
        }
        if (sale.failed()) {
            return new Step("sale", "Sale counted", State.UNKNOWN, null, "analytics-service did not answer");
        }
        CountedSale counted = sale.value();
        return new Step("sale", "Sale counted", State.DONE, counted.countedAt(),
                "added to the day's revenue: " + Money.format(counted.totalCents(), "EUR"));
    }

    private <T> CompletableFuture<Answer<T>> ask(Supplier<T> call) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return new Answer<>(call.get(), false, false);
            } catch (HttpClientErrorException answered) {
                return new Answer<T>(null, true, answered.getStatusCode() == HttpStatus.NOT_FOUND);
            } catch (RestClientException unreachable) {
                return new Answer<T>(null, true, false);
            }
        }, calls);
    }

    @Override
    public void close() {
        calls.shutdownNow();
    }

    /** A service's answer: its body, or that it failed (unreachable, an error, or a plain 404). */
    record Answer<T>(@Nullable T body, boolean failed, boolean notFound) {

        static <T> Answer<T> of(T body) {
            return new Answer<>(body, false, false);
        }

        T value() {
            return Objects.requireNonNull(body);
        }
    }

    /** {@code template} is absent from email-services that predate cancellations: those sent confirmations only. */
    record SentEmail(@Nullable String template, String recipient, String subject, String messageId, Instant sentAt) {
    }

    record Reservation(String sku, int quantity, String status, @Nullable String reason, Instant reservedAt) {
    }

    record CountedSale(String orderId, long totalCents, Instant countedAt) {
    }
}
