package com.example.checkout.order.web;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Admission control of {@code POST /checkout}: how many checkouts may run at once before the next is answered
 * {@code 503} at once instead of queueing. The bound exists to protect the database pool; see
 * {@code order-service.yml}, where the pool, Tomcat's threads and this limit are set side by side.
 *
 * @param enabled     off only to measure the service without it (env {@code CHECKOUT_ADMISSION_ENABLED})
 * @param algorithm   {@code fixed} (the measured bulkhead, the default) or {@code vegas} (Netflix's adaptive
 *                    limit, between 1 and {@code maxInFlight}) (env {@code CHECKOUT_ADMISSION_ALGORITHM})
 * @param maxInFlight checkouts in flight at most (env {@code CHECKOUT_ADMISSION_MAX_IN_FLIGHT}); must leave
 *                    database connections and request threads for reads and probes
 * @param retryAfter  what a rejected client is told to wait ({@code Retry-After}, whole seconds, at least 1)
 *                    (env {@code CHECKOUT_ADMISSION_RETRY_AFTER})
 */
@ConfigurationProperties("checkout.admission")
public record AdmissionProperties(@DefaultValue("true") boolean enabled,
                                  @DefaultValue("fixed") Algorithm algorithm,
                                  @DefaultValue("8") int maxInFlight,
                                  @DefaultValue("1s") Duration retryAfter) {

    public AdmissionProperties {
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("checkout.admission.max-in-flight must be at least 1");
        }
    }

    /** How the bound is found. */
    public enum Algorithm {
        /** {@code maxInFlight} exactly: predictable, set from a measurement of what the pool sustains. */
        FIXED,
        /** TCP Vegas on the checkout's latency: shrinks when admitted checkouts start to queue, never above the max. */
        VEGAS
    }
}
