package com.example.checkout.order.outbox;

import com.example.checkout.retention.EnableOutboxRetention;
import org.springframework.context.annotation.Configuration;

/**
 * Keeps the outbox to {@code checkout.outbox.retention.window}: the job every service with an outbox runs
 * (inventory-service too), beside the feature that writes the rows.
 */
@Configuration(proxyBeanMethods = false)
@EnableOutboxRetention
class OutboxRetentionSchedule {
}
