package com.example.checkout.payment.provider.charge;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The simulator's knobs.
 *
 * @param slowDelay how long a new {@code tok_slow} charge, already captured and committed, waits before it is
 *                  answered: the window "captured, but the caller has not recorded it yet" that crash tests kill a
 *                  caller in. Env {@code PAYMENT_PROVIDER_SLOW_DELAY}.
 */
@ConfigurationProperties("payment-provider")
public record PaymentProviderProperties(@DefaultValue("PT2S") Duration slowDelay) {
}
