package com.example.checkout.order.reconciliation;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import com.example.checkout.order.idempotency.IdempotencyKeys;
import com.example.checkout.order.payment.PaymentGateway;
import com.example.checkout.order.payment.PaymentGateway.Capture;
import com.example.checkout.order.payment.PaymentGateway.CapturePage;
import com.example.checkout.order.payment.PaymentProperties;
import com.example.checkout.order.payment.Payments;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/**
 * Every {@code checkout.payment.reconciliation.interval}: the provider's captures older than the grace period (and
 * within the look-back) that were made by a checkout and paid for no order are refunded, once each. This is how
 * every "charged, but the order was never written" ends — a crash between capture and commit, a read timeout, a
 * commit whose outcome was unknown — when the client does not retry. A capture whose attempt is still being worked
 * on (its claim touched within the grace period) is left alone; abandoning the claim first makes sure no retry can
 * resume an attempt whose money is given back.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
public class OrphanCaptureReconciliation implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(OrphanCaptureReconciliation.class);
    /** Keys the checkout charges with; other captures on the account are not ours to judge. */
    private static final String CHECKOUT_KEYS = "checkout-";
    private static final int PAGE = 100;

    private final PaymentGateway gateway;
    private final Payments payments;
    private final IdempotencyKeys keys;
    private final OrphanRefunds refunds;
    private final PaymentProperties.Reconciliation properties;
    private final Counter runs;
    private final Clock clock;

    @Autowired
    OrphanCaptureReconciliation(PaymentGateway gateway, Payments payments, IdempotencyKeys keys,
                                OrphanRefunds refunds, PaymentProperties properties, MeterRegistry meters) {
        this.gateway = gateway;
        this.payments = payments;
        this.keys = keys;
        this.refunds = refunds;
        this.properties = properties.reconciliation();
        this.runs = Counter.builder("checkout.payment.reconciliation.runs")
                .description("Completed runs of the orphan capture reconciliation").register(meters);
        this.clock = Clock.systemUTC();
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        if (properties.enabled()) {
            registrar.addFixedDelayTask(this::runLogged, properties.interval());
        }
    }

    private void runLogged() {
        try {
            run();
        } catch (RuntimeException e) {
            // The next run lists the same captures again: nothing is lost by a failed run.
            log.warn("Reconciliation of orphan captures failed; the next run tries again", e);
        }
    }

    /** One run; returns how many captures it refunded. */
    public int run() {
        Instant now = clock.instant();
        Instant to = now.minus(properties.gracePeriod());
        Instant from = now.minus(properties.lookBack());
        int refunded = 0;
        Optional<String> after = Optional.empty();
        CapturePage page;
        do {
            page = gateway.captures(from, to, after, PAGE);
            for (Capture capture : page.captures()) {
                if (isOrphan(capture) && keys.abandonForRefund(capture.idempotencyKey(),
                        capture.charge().reference(), properties.gracePeriod())) {
                    refunds.refund(capture.charge());
                    refunded++;
                }
                after = Optional.of(capture.charge().reference());
            }
        } while (page.hasMore() && !page.captures().isEmpty());
        runs.increment();
        return refunded;
    }

    private boolean isOrphan(Capture capture) {
        return !capture.charge().refunded() && capture.idempotencyKey().startsWith(CHECKOUT_KEYS)
                && !payments.paysAnOrder(capture.charge().reference());
    }
}
