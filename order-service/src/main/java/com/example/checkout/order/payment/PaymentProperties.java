package com.example.checkout.order.payment;

import java.net.URI;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The payment provider order-service charges: where it is, how long to wait for it, and how orphan captures are
 * reconciled. Env: {@code CHECKOUT_PAYMENT_BASE_URL}, {@code CHECKOUT_PAYMENT_CONNECT_TIMEOUT},
 * {@code CHECKOUT_PAYMENT_READ_TIMEOUT}, {@code CHECKOUT_PAYMENT_API_KEY},
 * {@code CHECKOUT_PAYMENT_RECONCILIATION_GRACE_PERIOD}, ...
 *
 * @param baseUrl        the provider's API (the local simulator, payment-provider, by default)
 * @param connectTimeout a connection not made by then fails the call before anything was sent: it is retried once
 * @param readTimeout    an answer not read by then leaves the charge's outcome unknown: the checkout answers 503
 *                       and keeps its claim, the client's retry or the reconciler finishes it. Above the provider's
 *                       slow answers (2 s in the simulator)
 * @param apiKey         sent as {@code Authorization: Bearer ...}
 * @param takeoverAfter  a claimed Idempotency-Key untouched this long is taken over by a retry (its holder crashed
 *                       or gave up): longer than {@link #readTimeout} plus the order's transaction
 * @param reconciliation the job that refunds captures without an order
 */
@ConfigurationProperties("checkout.payment")
public record PaymentProperties(
        @DefaultValue("http://localhost:8086") URI baseUrl,
        @DefaultValue("500ms") Duration connectTimeout,
        @DefaultValue("5s") Duration readTimeout,
        @DefaultValue("sk_test_local") String apiKey,
        @DefaultValue("10s") Duration takeoverAfter,
        @DefaultValue Reconciliation reconciliation) {

    /**
     * @param enabled     whether this instance runs the job
     * @param gracePeriod a capture younger than this may still be on its way to an order, and a claim touched within
     *                    it is being worked on: neither is refunded. Longer than {@link #takeoverAfter()}
     * @param lookBack    how far back captures are listed: older ones were reconciled by earlier runs
     * @param interval    the pause between two runs
     */
    public record Reconciliation(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("5m") Duration gracePeriod,
            @DefaultValue("24h") Duration lookBack,
            @DefaultValue("1m") Duration interval) {
    }
}
