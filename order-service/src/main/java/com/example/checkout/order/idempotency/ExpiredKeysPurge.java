package com.example.checkout.order.idempotency;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/** Deletes expired Idempotency-Keys every {@link IdempotencyProperties#purgeInterval()}. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class ExpiredKeysPurge implements SchedulingConfigurer {

    private final IdempotencyKeys keys;
    private final IdempotencyProperties properties;

    ExpiredKeysPurge(IdempotencyKeys keys, IdempotencyProperties properties) {
        this.keys = keys;
        this.properties = properties;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addFixedDelayTask(keys::purgeExpired, properties.purgeInterval());
    }
}
