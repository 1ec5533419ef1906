package com.example.checkout.order.saga;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;

import com.example.checkout.consumer.NonRetryableEventException;
import com.example.checkout.events.OrderCancelled;
import com.example.checkout.events.OrderConfirmed;
import com.example.checkout.events.StockReservationRejected;
import com.example.checkout.events.StockReserved;
import com.example.checkout.events.Topics;
import com.example.checkout.order.outbox.OutboxEventWriter;
import com.example.checkout.order.payment.PaymentGateway.Refund;
import com.example.checkout.order.timeline.Timeline;
import com.example.checkout.order.timeline.Timeline.Step;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The saga's two ends for one order, each one transaction with its outbox row — the transaction in which the
 * reliable consumer also records the inventory event as processed (MANDATORY). Only a PLACED order moves: a
 * duplicate, a replay or a second event of the same order finds it CONFIRMED or CANCELLED and changes nothing.
 */
@Service
class OrderOutcomes {

    private static final Logger log = LoggerFactory.getLogger(OrderOutcomes.class);

    private final PlacedOrders orders;
    private final OrderRefunds refunds;
    private final Timeline timeline;
    private final OutboxEventWriter outbox;
    private final Clock clock = Clock.systemUTC();

    OrderOutcomes(PlacedOrders orders, OrderRefunds refunds, Timeline timeline, OutboxEventWriter outbox) {
        this.orders = orders;
        this.refunds = refunds;
        this.timeline = timeline;
        this.outbox = outbox;
    }

    /** Stock reserved: the order is CONFIRMED and {@code OrderConfirmed} is published. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void confirm(StockReserved reserved) {
        Optional<PlacedOrder> open = openOrder(reserved.orderId());
        if (open.isEmpty()) {
            return;
        }
        PlacedOrder order = open.get();
        Instant now = now();
        timeline.record(order.orderId(), Step.STOCK_RESERVED, reserved.reservedAt(), null);
        orders.confirm(order.orderId());
        timeline.record(order.orderId(), Step.CONFIRMED, now, null);
        outbox.append(new OrderConfirmed(order.orderId(), order.customerId(), order.email(), order.totalCents(),
                order.currency(), now), Topics.ORDERS);
    }

    /**
     * Stock rejected: the charge is refunded (claim, call, record), the order CANCELLED with the reason, and
     * {@code OrderCancelled} published with the refund's reference.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void cancel(StockReservationRejected rejected) {
        Optional<PlacedOrder> open = openOrder(rejected.orderId());
        if (open.isEmpty()) {
            return;
        }
        PlacedOrder order = open.get();
        String reason = "out of stock: " + rejected.reason();
        timeline.record(order.orderId(), Step.STOCK_REJECTED, rejected.rejectedAt(), rejected.reason());
        Refund refund = refunds.refund(order.orderId());
        Instant now = now();
        timeline.record(order.orderId(), Step.REFUNDED, now, refund.reference());
        orders.cancel(order.orderId(), reason);
        timeline.record(order.orderId(), Step.CANCELLED, now, reason);
        outbox.append(new OrderCancelled(order.orderId(), order.customerId(), order.email(), order.lines(),
                order.totalCents(), order.currency(), order.placedAt(), reason, refund.reference(),
                refund.amountCents(), now), Topics.ORDERS);
    }

    /** The order, locked, if it is still PLACED; empty if it has its outcome already. */
    private Optional<PlacedOrder> openOrder(UUID orderId) {
        PlacedOrder order = orders.lock(orderId)
                .orElseThrow(() -> new NonRetryableEventException("no order " + orderId));
        if (!order.isOpen()) {
            log.info("Order {} is {} already; its inventory outcome changes nothing", orderId, order.status());
            return Optional.empty();
        }
        return Optional.of(order);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
