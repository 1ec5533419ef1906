package com.example.checkout.order.saga;

import com.example.checkout.consumer.EnableReliableConsumer;
import org.springframework.context.annotation.Configuration;

/**
 * Makes the order service a reliable consumer of the topic {@code inventory} (group {@code order-service}, its own
 * retry topics and DLT, {@code /dlt} to list and replay). Kafka lives in this package only: the checkout request
 * never waits on the broker, it writes the outbox and answers.
 */
@Configuration(proxyBeanMethods = false)
@EnableReliableConsumer
class InventoryEventsConsumer {
}
