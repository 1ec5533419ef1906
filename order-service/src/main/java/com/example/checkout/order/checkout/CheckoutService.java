package com.example.checkout.order.checkout;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.IntStream;

import com.example.checkout.events.OrderPlaced;
import com.example.checkout.events.Topics;
import com.example.checkout.order.catalog.Catalog;
import com.example.checkout.order.catalog.Product;
import com.example.checkout.order.idempotency.IdempotencyKeys;
import com.example.checkout.order.outbox.OutboxEventWriter;
import com.example.checkout.order.payment.PaymentGateway.Charge;
import com.example.checkout.order.payment.Payments;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/** The checkout use case and the order lookup. */
@Service
class CheckoutService {

    private final Catalog catalog;
    private final Payments payments;
    private final Orders orders;
    private final OutboxEventWriter outbox;
    private final IdempotencyKeys idempotencyKeys;
    private final JsonMapper json;
    private final Clock clock;

    CheckoutService(Catalog catalog, Payments payments, Orders orders,
                    OutboxEventWriter outbox, IdempotencyKeys idempotencyKeys, JsonMapper json) {
        this.catalog = catalog;
        this.payments = payments;
        this.orders = orders;
        this.outbox = outbox;
        this.idempotencyKeys = idempotencyKeys;
        this.json = json;
        this.clock = Clock.systemUTC();
    }

    /**
     * Places a valid order: prices it from the catalog, charges it, and writes the order, its lines, the payment and
     * the {@code OrderPlaced} outbox row in this one transaction. If anything fails, nothing is written, and the
     * idempotency key (if any) is released with the rest.
     *
     * <p>The charge happens inside the transaction, before the writes: a decline leaves nothing behind. The gateway
     * is charged with a key derived from the order id, so charging this order again can never capture twice, and a
     * capture whose transaction then rolls back (or fails to commit) is cancelled.
     *
     * @param idempotencyKey the client's Idempotency-Key, or empty
     */
    @Transactional
    public Placement placeOrder(CheckoutRequest request, Optional<String> idempotencyKey) {
        if (idempotencyKey.isPresent()) {
            Optional<String> original = idempotencyKeys.claim(request.customerId(), idempotencyKey.get(),
                    fingerprint(request));
            if (original.isPresent()) {
                return new Placement(json.readValue(original.get(), OrderConfirmation.class), true);
            }
        }

        List<CheckoutRequest.Item> items = request.items();
        List<Product> products = catalog.priceAll(items.stream().map(CheckoutRequest.Item::sku).toList());
        List<OrderPlaced.OrderLine> lines = IntStream.range(0, items.size())
                .mapToObj(i -> new OrderPlaced.OrderLine(products.get(i).sku(), products.get(i).name(),
                        items.get(i).quantity(), products.get(i).unitPriceCents()))
                .toList();
        long total = lines.stream().mapToLong(line -> line.quantity() * line.unitPriceCents()).sum();
        // Microseconds, what Postgres keeps: the event and GET /orders/{id} tell the same time.
        Instant placedAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
        OrderPlaced order = new OrderPlaced(UUID.randomUUID(), request.customerId(), request.email(), lines, total,
                Catalog.CURRENCY, placedAt);

        Charge charge = payments.charge(order.orderId(), request.paymentToken(), total, Catalog.CURRENCY);
        orders.insert(order);
        payments.record(order.orderId(), charge);
        outbox.append(order, Topics.ORDERS);

        OrderConfirmation confirmation = new OrderConfirmation(order.orderId(), Orders.PLACED, total,
                Catalog.CURRENCY);
        idempotencyKey.ifPresent(key -> idempotencyKeys.complete(request.customerId(), key, order.orderId(),
                json.writeValueAsString(confirmation)));
        return new Placement(confirmation, false);
    }

    @Transactional(readOnly = true)
    public OrderView order(UUID orderId) {
        return orders.find(orderId).orElseThrow(() -> new OrderNotFoundException(orderId));
    }

    /** Identifies the request by content, not bytes: the same fields in another order or spacing are the same request. */
    private String fingerprint(CheckoutRequest request) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(json.writeValueAsString(request).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** The outcome of a checkout: the confirmation, and whether it is the replay of an earlier request's. */
    record Placement(OrderConfirmation confirmation, boolean replayed) {
    }
}
