package com.example.checkout.email.sending;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code checkout.email.*}.
 *
 * @param from the sender of every email
 * @param messageIdDomain the right-hand side of the deterministic {@code Message-ID}
 */
@ConfigurationProperties("checkout.email")
public record EmailProperties(@DefaultValue("Checkout Demo <shop@checkout.example.com>") String from,
                              @DefaultValue("checkout.example.com") String messageIdDomain) {
}
