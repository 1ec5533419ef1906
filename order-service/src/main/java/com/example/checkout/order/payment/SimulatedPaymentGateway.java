package com.example.checkout.order.payment;

import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.stereotype.Component;

/**
 * A payment provider in memory, for the demo and the tests: token {@value #APPROVING_TOKEN} is approved, every
 * other token (e.g. {@value #DECLINING_TOKEN}) declined. Like a real provider it remembers idempotency keys, so a
 * repeated charge returns the first one instead of capturing the money twice.
 */
@Component
public class SimulatedPaymentGateway implements PaymentGateway {

    public static final String APPROVING_TOKEN = "tok_ok";
    public static final String DECLINING_TOKEN = "tok_declined";

    private final Map<String, Charge> chargesByKey = new ConcurrentHashMap<>();
    private final AtomicInteger captures = new AtomicInteger();
    private final Set<String> cancelled = ConcurrentHashMap.newKeySet();
    private final Map<String, Refund> refundsByKey = new ConcurrentHashMap<>();

    @Override
    public Charge charge(ChargeRequest request) {
        if (!APPROVING_TOKEN.equals(request.paymentToken())) {
            throw new PaymentDeclinedException("the card was declined");
        }
        return chargesByKey.computeIfAbsent(request.idempotencyKey(), key -> {
            captures.incrementAndGet();
            return new Charge("ch_" + UUID.randomUUID(), request.amountCents(), request.currency());
        });
    }

    @Override
    public void cancel(Charge charge) {
        cancelled.add(charge.reference());
    }

    @Override
    public Refund refund(RefundRequest request) {
        return refundsByKey.computeIfAbsent(request.idempotencyKey(), key -> new Refund("re_" + UUID.randomUUID(),
                request.charge().amountCents(), request.charge().currency()));
    }

    /** How many refunds were made (repeated keys not counted). */
    public int refunds() {
        return refundsByKey.size();
    }

    /** How often money was actually captured (repeated keys not counted): what a shopper's statement would show. */
    public int captures() {
        return captures.get();
    }

    /** The money captured, each key once: the ledger a reconciliation would read. */
    public long capturedCents() {
        return chargesByKey.values().stream().mapToLong(Charge::amountCents).sum();
    }

    /** The money refunded, each key once. */
    public long refundedCents() {
        return refundsByKey.values().stream().mapToLong(Refund::amountCents).sum();
    }

    /** How many captures were given back. */
    public int cancellations() {
        return cancelled.size();
    }
}
