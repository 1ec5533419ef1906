package com.example.checkout.order.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * HTTP limits of the order service.
 *
 * @param maxBodySize larger request bodies are answered {@code 413} before they are read (env
 *                    {@code CHECKOUT_WEB_MAX_BODY_SIZE})
 */
@ConfigurationProperties("checkout.web")
public record WebProperties(@DefaultValue("64KB") DataSize maxBodySize) {
}
