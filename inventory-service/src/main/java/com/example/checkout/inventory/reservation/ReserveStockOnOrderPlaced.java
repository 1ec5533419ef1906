package com.example.checkout.inventory.reservation;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.example.checkout.consumer.EventHandler;
import com.example.checkout.consumer.EventMetadata;
import com.example.checkout.events.OrderPlaced;
import com.example.checkout.events.OrderPlaced.OrderLine;
import com.example.checkout.events.StockReservationRejected;
import com.example.checkout.events.StockReservationRejected.RejectedLine;
import com.example.checkout.events.StockReserved;
import com.example.checkout.events.StockReserved.ReservedLine;
import com.example.checkout.inventory.outbox.OutboxEventWriter;
import com.example.checkout.inventory.stock.Stock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Reserves every line of an order or none: stock rows are locked in SKU order (so two orders never deadlock),
 * checked, and only then taken. Not enough stock is an answer, not a failure: the order's lines are recorded as
 * REJECTED with the reason and the event is done — retrying would not create stock. Either outcome is published
 * ({@link StockReserved} or {@link StockReservationRejected}) through the outbox in the same transaction.
 *
 * <p>An order already cancelled (its {@code OrderCancelled} overtook this event on a retry topic) reserves nothing
 * and publishes nothing: the order service has closed it.
 */
@Component
class ReserveStockOnOrderPlaced implements EventHandler<OrderPlaced> {

    private static final Logger log = LoggerFactory.getLogger(ReserveStockOnOrderPlaced.class);

    private final Stock stock;
    private final Reservations reservations;
    private final OutboxEventWriter outbox;

    ReserveStockOnOrderPlaced(Stock stock, Reservations reservations, OutboxEventWriter outbox) {
        this.stock = stock;
        this.reservations = reservations;
        this.outbox = outbox;
    }

    @Override
    public Class<OrderPlaced> eventClass() {
        return OrderPlaced.class;
    }

    @Override
    public void handle(OrderPlaced event, EventMetadata metadata) {
        // Serialises with OrderCancelled of the same order, whichever arrives first.
        reservations.lockOrder(event.orderId());
        List<OrderLine> lines = event.lines().stream().sorted(Comparator.comparing(OrderLine::sku)).toList();
        Optional<String> cancelled = reservations.cancellation(event.orderId());
        if (cancelled.isPresent()) {
            log.info("Order {} was cancelled before it was placed here ({}); nothing reserved", event.orderId(),
                    cancelled.get());
            lines.forEach(line -> reservations.record(event.orderId(), line, Reservations.REJECTED,
                    "order cancelled: " + cancelled.get()));
            return;
        }
        Map<String, String> shortfalls = new LinkedHashMap<>();
        for (OrderLine line : lines) {
            Optional<Integer> available = stock.lockAvailable(line.sku());
            if (available.isEmpty()) {
                shortfalls.put(line.sku(), "unknown SKU " + line.sku());
            } else if (available.get() < line.quantity()) {
                shortfalls.put(line.sku(), "only " + available.get() + " of " + line.sku() + " available, " + line.quantity() + " ordered");
            }
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        if (shortfalls.isEmpty()) {
            for (OrderLine line : lines) {
                stock.take(line.sku(), line.quantity());
                reservations.record(event.orderId(), line, Reservations.RESERVED, null);
            }
            outbox.append(new StockReserved(event.orderId(),
                    lines.stream().map(line -> new ReservedLine(line.sku(), line.quantity())).toList(), now),
                    metadata.traceparent());
        } else {
            String whole = "order rejected: " + String.join("; ", shortfalls.values());
            List<RejectedLine> rejected = lines.stream()
                    .map(line -> new RejectedLine(line.sku(), line.quantity(), shortfalls.getOrDefault(line.sku(), whole)))
                    .toList();
            rejected.forEach(line -> reservations.record(event.orderId(), line.sku(), line.quantity(),
                    Reservations.REJECTED, line.reason()));
            outbox.append(new StockReservationRejected(event.orderId(), rejected, now), metadata.traceparent());
        }
    }
}
