package com.example.checkout.order;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The order service: takes the checkout, charges the payment and writes the order with its {@code OrderPlaced}
 * outbox row in one transaction; the checkout never talks to Kafka, the outbox relay publishes. The saga package
 * consumes inventory's outcomes and confirms, or refunds and cancels, the order.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class OrderServiceApplication {

    /** Names this service's config file, so several services can share one classpath without clashing. */
    public static final String CONFIG = "spring.config.name=order-service";

    public static void main(String[] args) {
        new SpringApplicationBuilder(OrderServiceApplication.class).properties(CONFIG).run(args);
    }
}
