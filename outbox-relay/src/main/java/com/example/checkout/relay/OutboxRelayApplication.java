package com.example.checkout.relay;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * The outbox relay: streams the order service's outbox from the Postgres WAL to Kafka. It serves no API, only
 * the actuator (health with the relay's state, Prometheus metrics).
 */
@SpringBootApplication
public class OutboxRelayApplication {

    /** Names this service's config file, so several services can share one classpath without clashing. */
    public static final String CONFIG = "spring.config.name=outbox-relay";

    public static void main(String[] args) {
        new SpringApplicationBuilder(OutboxRelayApplication.class).properties(CONFIG).run(args);
    }
}
