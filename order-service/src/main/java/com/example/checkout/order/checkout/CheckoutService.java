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
import com.example.checkout.order.idempotency.CheckoutAbandonedException;
import com.example.checkout.order.idempotency.IdempotencyKeys;
import com.example.checkout.order.idempotency.IdempotencyKeys.Claim;
import com.example.checkout.order.idempotency.RequestInFlightException;
import com.example.checkout.order.outbox.OutboxEventWriter;
import com.example.checkout.order.payment.PaymentDeclinedException;
import com.example.checkout.order.payment.PaymentGateway;
import com.example.checkout.order.payment.PaymentGateway.Charge;
import com.example.checkout.order.payment.PaymentGateway.ChargeRequest;
import com.example.checkout.order.payment.PaymentOutcomeUnknownException;
import com.example.checkout.order.payment.PaymentProperties;
import com.example.checkout.order.payment.PaymentProviderUnavailableException;
import com.example.checkout.order.payment.Payments;
import com.example.checkout.order.reconciliation.OrphanRefunds;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * The checkout use case and the order lookup. A checkout is three steps, and no database connection is held while
 * the provider is called (a slow provider must not drain the pool every other checkout needs):
 * <ol>
 *   <li>claim the Idempotency-Key, or an internal key if the client sent none (a short transaction of its own,
 *       committed: the attempt survives a crash, and the reconciler knows every capture it may lead to);</li>
 *   <li>charge the provider with a key derived from the request, with no transaction open;</li>
 *   <li>write the order, its lines, its payment and its {@code OrderPlaced} outbox row and finish the key, in one
 *       transaction.</li>
 * </ol>
 * The states of an attempt and who ends each are in the idempotency package's documentation.
 */
@Service
class CheckoutService {

    private static final Logger log = LoggerFactory.getLogger(CheckoutService.class);

    private final Catalog catalog;
    private final PaymentGateway gateway;
    private final Payments payments;
    private final OrphanRefunds orphanRefunds;
    private final Orders orders;
    private final OutboxEventWriter outbox;
    private final IdempotencyKeys idempotencyKeys;
    private final PaymentProperties paymentProperties;
    private final TransactionTemplate orderTransaction;
    private final JsonMapper json;
    private final Clock clock;

    CheckoutService(Catalog catalog, PaymentGateway gateway, Payments payments, OrphanRefunds orphanRefunds,
                    Orders orders, OutboxEventWriter outbox, IdempotencyKeys idempotencyKeys,
                    PaymentProperties paymentProperties, PlatformTransactionManager transactions, JsonMapper json) {
        this.catalog = catalog;
        this.gateway = gateway;
        this.payments = payments;
        this.orphanRefunds = orphanRefunds;
        this.orders = orders;
        this.outbox = outbox;
        this.idempotencyKeys = idempotencyKeys;
        this.paymentProperties = paymentProperties;
        this.orderTransaction = new TransactionTemplate(transactions);
        this.json = json;
        this.clock = Clock.systemUTC();
    }

    /**
     * Places a valid order, or replays the response of the request that placed it with the same Idempotency-Key.
     *
     * @param idempotencyKey the client's Idempotency-Key, or empty: then this request is a checkout of its own,
     *                       claimed under an internal key no request can name
     * @throws PaymentDeclinedException            402: nothing written, the key released
     * @throws PaymentProviderUnavailableException 503: nothing written; the key released if the provider stored
     *                                             nothing, kept (for the retry or the reconciler) if the outcome is
     *                                             unknown
     */
    public Placement placeOrder(CheckoutRequest request, Optional<String> idempotencyKey) {
        // Priced before anything is claimed or charged: an unknown SKU leaves nothing behind.
        List<CheckoutRequest.Item> items = request.items();
        List<Product> products = catalog.priceAll(items.stream().map(CheckoutRequest.Item::sku).toList());
        List<OrderPlaced.OrderLine> lines = IntStream.range(0, items.size())
                .mapToObj(i -> new OrderPlaced.OrderLine(products.get(i).sku(), products.get(i).name(),
                        items.get(i).quantity(), products.get(i).unitPriceCents()))
                .toList();
        long total = lines.stream().mapToLong(line -> line.quantity() * line.unitPriceCents()).sum();

        String requestHash = fingerprint(request);
        KeyHold hold;
        String providerKey;
        if (idempotencyKey.isPresent()) {
            Claim claim = idempotencyKeys.claim(request.customerId(), idempotencyKey.get(), requestHash,
                    providerKey(request.customerId(), idempotencyKey.get(), requestHash),
                    paymentProperties.takeoverAfter());
            if (claim instanceof Claim.Finished finished) {
                return new Placement(json.readValue(finished.response(), OrderConfirmation.class), true);
            }
            Claim.Attempt claimed = (Claim.Attempt) claim;
            hold = new KeyHold(request.customerId(), idempotencyKey.get(), claimed.id());
            providerKey = claimed.providerKey();
        } else {
            // A checkout of its own, claimed all the same (one more short transaction): without a committed claim
            // the reconciler could not tell this deployment's capture from another's on the same provider account,
            // and a crash after the capture would keep the customer's money.
            providerKey = "checkout-" + UUID.randomUUID();
            String internalKey = internalKey(providerKey);
            hold = new KeyHold(request.customerId(), internalKey,
                    idempotencyKeys.claimWithoutClientKey(request.customerId(), internalKey, requestHash,
                            providerKey).id());
        }

        Charge charge = charge(hold, new ChargeRequest(providerKey, request.paymentToken(), total, Catalog.CURRENCY,
                request.customerId()));
        if (charge.refunded()) {
            // A resumed attempt whose capture the reconciler has refunded meanwhile: it can never be an order.
            hold.abandon(charge.reference());
            throw new CheckoutAbandonedException();
        }

        // Microseconds, what Postgres keeps: the event and GET /orders/{id} tell the same time.
        Instant placedAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
        OrderPlaced order = new OrderPlaced(UUID.randomUUID(), request.customerId(), request.email(), lines, total,
                Catalog.CURRENCY, placedAt);
        OrderConfirmation confirmation = new OrderConfirmation(order.orderId(), Orders.PLACED, total,
                Catalog.CURRENCY);
        write(hold, order, providerKey, charge, confirmation);
        return new Placement(confirmation, false);
    }

    @Transactional(readOnly = true)
    public OrderView order(UUID orderId) {
        return orders.find(orderId).orElseThrow(() -> new OrderNotFoundException(orderId));
    }

    /** Step 2: no transaction is open here. A refusal that stored nothing gives the key back. */
    private Charge charge(KeyHold hold, ChargeRequest request) {
        try {
            return gateway.charge(request);
        } catch (PaymentOutcomeUnknownException e) {
            log.warn("Charge {} has an unknown outcome; its claim stays for the client's retry or the reconciler",
                    request.idempotencyKey(), e);
            throw e;
        } catch (PaymentDeclinedException | PaymentProviderUnavailableException e) {
            hold.release();
            throw e;
        }
    }

    /**
     * Step 3, one transaction. If its statements fail, the capture is refunded at once and the key abandoned (the
     * answer is a 500 and the order cannot be written as asked); if the database was unreachable or busy, or the
     * commit's outcome is unknown, the claim stays and
     * the retry (which finds the order or resumes) or the reconciler (which refunds a capture without an order)
     * ends it.
     */
    private void write(KeyHold hold, OrderPlaced order, String providerKey, Charge charge,
                       OrderConfirmation confirmation) {
        boolean[] statementsDone = {false};
        try {
            orderTransaction.executeWithoutResult(status -> {
                orders.insert(order);
                payments.record(order.orderId(), providerKey, charge);
                outbox.append(order, Topics.ORDERS);
                if (!hold.finish(order.orderId(), charge.reference(), json.writeValueAsString(confirmation))) {
                    throw new TakenOverException();
                }
                statementsDone[0] = true;
            });
        } catch (TakenOverException e) {
            // Another attempt took the key over and owns the same charge: nothing to refund, its answer is the one.
            throw new RequestInFlightException();
        } catch (RuntimeException e) {
            if (statementsDone[0]) {
                log.error("Commit outcome unknown for order {} (charge {}); the retry or the reconciler settles it",
                        order.orderId(), charge.reference(), e);
            } else if (writeMaySucceedLater(e)) {
                // The database went away or was busy (a restart, a failover, a deadlock), not the order: the claim
                // stays, so the client's retry takes it over and writes the order with the same capture (or the
                // reconciler refunds it).
                log.warn("Database unreachable or busy while writing order {} (charge {}); the claim stays for the "
                        + "retry", order.orderId(), charge.reference());
            } else {
                try {
                    hold.abandon(charge.reference());
                    orphanRefunds.refund(charge);
                } catch (RuntimeException compensation) {
                    // The reconciler refunds it after the grace period: the capture has no order.
                    e.addSuppressed(compensation);
                }
            }
            throw e;
        }
    }

    /**
     * A failure of the database rather than of the order's statements — a lost or refused connection, or a
     * transient one (a deadlock, a lock or query timeout): the same write may succeed when retried.
     */
    private static boolean writeMaySucceedLater(RuntimeException e) {
        return e instanceof DataAccessResourceFailureException || e instanceof TransientDataAccessException
                || e instanceof RecoverableDataAccessException || e instanceof TransactionSystemException
                || e instanceof CannotCreateTransactionException;
    }

    /** The provider's key for a request the client identified: the same for every retry of the same request. */
    static String providerKey(String customerId, String idempotencyKey, String requestHash) {
        return "checkout-" + sha256(customerId + "\n" + idempotencyKey + "\n" + requestHash);
    }

    /**
     * The claim key of a checkout sent without an Idempotency-Key. It starts with a character the controller refuses
     * in a client's key (printable ASCII only), so no request can ever replay, reuse or take over this claim.
     */
    static String internalKey(String providerKey) {
        return "\u2205" + providerKey;
    }

    /** Identifies the request by content, not bytes: the same fields in another order or spacing are the same request. */
    private String fingerprint(CheckoutRequest request) {
        return sha256(json.writeValueAsString(request));
    }

    private static String sha256(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** The attempt's hold on its key: the client's Idempotency-Key, or the internal one of a checkout without it. */
    private final class KeyHold {

        private final String customerId;
        private final String key;
        private final UUID attempt;

        KeyHold(String customerId, String key, UUID attempt) {
            this.customerId = customerId;
            this.key = key;
            this.attempt = attempt;
        }

        boolean finish(UUID orderId, String chargeReference, String response) {
            return idempotencyKeys.finish(customerId, key, attempt, orderId, chargeReference, response);
        }

        void release() {
            idempotencyKeys.release(customerId, key, attempt);
        }

        void abandon(String chargeReference) {
            idempotencyKeys.abandon(customerId, key, attempt, chargeReference);
        }
    }

    private static final class TakenOverException extends RuntimeException {
    }

    /** The outcome of a checkout: the confirmation, and whether it is the replay of an earlier request's. */
    record Placement(OrderConfirmation confirmation, boolean replayed) {
    }
}
