package com.example.checkout.order.idempotency;

import java.time.Clock;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/** Deletes expired Idempotency-Keys every {@link IdempotencyProperties#purgeInterval()}, so the table stays small. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class ExpiredKeysPurge implements SchedulingConfigurer {

    private final IdempotencyKeys keys;
    private final IdempotencyProperties properties;
    private final Clock clock;

    @Autowired
    ExpiredKeysPurge(IdempotencyKeys keys, IdempotencyProperties properties) {
        this(keys, properties, Clock.systemUTC());
    }

    /** With another clock, for tests that need a key's retention to have passed without waiting a day. */
    ExpiredKeysPurge(IdempotencyKeys keys, IdempotencyProperties properties, Clock clock) {
        this.keys = keys;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addFixedDelayTask(this::purge, properties.purgeInterval());
    }

    /** One run of the job: deletes the keys expired by now on this job's clock; returns how many. */
    long purge() {
        return keys.purgeExpired(clock.instant());
    }
}
