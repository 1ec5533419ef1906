package com.example.checkout.consumer.admin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code checkout.admin.*} (env {@code CHECKOUT_ADMIN_USERNAME}, {@code CHECKOUT_ADMIN_PASSWORD}): the one operator
 * login of the admin endpoints, the same settings the console sends. The default password runs the local demo,
 * which prints it; compose passes its own, Kubernetes takes it from the Secret {@code checkout-admin}.
 */
@ConfigurationProperties("checkout.admin")
public record AdminProperties(@DefaultValue("admin") String username, @DefaultValue("checkout-admin") String password) {
}
