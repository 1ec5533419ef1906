package com.example.checkout.order.idempotency;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long Idempotency-Keys are kept and how long a request waits for another one with the same key.
 *
 * @param retention    a key is honoured this long after its first use, then forgotten (env
 *                     {@code CHECKOUT_IDEMPOTENCY_RETENTION})
 * @param purgeInterval how often expired keys are deleted
 * @param inFlightWait how long a request waits for a concurrent request with the same key to finish before it is
 *                     answered {@code 409}
 */
@ConfigurationProperties("checkout.idempotency")
public record IdempotencyProperties(
        @DefaultValue("24h") Duration retention,
        @DefaultValue("10m") Duration purgeInterval,
        @DefaultValue("2s") Duration inFlightWait) {
}
