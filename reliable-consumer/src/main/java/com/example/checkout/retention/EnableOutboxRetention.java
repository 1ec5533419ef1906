package com.example.checkout.retention;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.context.annotation.Import;

/**
 * Schedules {@link OutboxRetention} on the service's {@code outbox} table, configured by
 * {@code checkout.outbox.retention.*}. Imported explicitly (not auto-configured): several services share one JVM
 * classpath in the local demo, and only those with an outbox have the table.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Import(OutboxRetentionConfiguration.class)
public @interface EnableOutboxRetention {
}
