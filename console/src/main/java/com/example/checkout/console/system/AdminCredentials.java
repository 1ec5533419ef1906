package com.example.checkout.console.system;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The consumers' admin credentials ({@code checkout.admin.*}, the same settings and variables the consumer services
 * read: {@code CHECKOUT_ADMIN_USERNAME}, {@code CHECKOUT_ADMIN_PASSWORD}), with the same defaults as theirs. The
 * console sends them as HTTP Basic to list and replay dead letters; with a blank password it sends none.
 */
@ConfigurationProperties("checkout.admin")
public record AdminCredentials(@DefaultValue("admin") String username,
                               @DefaultValue("checkout-admin") @Nullable String password) {

    public boolean present() {
        return password != null && !password.isBlank();
    }
}
