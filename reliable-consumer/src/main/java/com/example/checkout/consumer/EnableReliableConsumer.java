package com.example.checkout.consumer;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.context.annotation.Import;

/**
 * Turns a service into a reliable consumer of {@code checkout.consumer.topic}: its {@link EventHandler} of each
 * event class (one per class) is called once per event id, failures retry on the group's own retry topics and end on the group's DLT.
 * Imported explicitly (not auto-configured) because several services can share one JVM classpath.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Import(ReliableConsumerConfiguration.class)
public @interface EnableReliableConsumer {
}
