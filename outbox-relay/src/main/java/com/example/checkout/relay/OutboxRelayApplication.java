package com.example.checkout.relay;

import com.example.checkout.relay.streaming.RelayCommands;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * The outbox relay: streams the order service's outbox from the Postgres WAL to Kafka. It serves no API, only
 * the actuator (health with the relay's state, Prometheus metrics). With {@code --replay-parked} or
 * {@code --republish-since=<instant>} it runs that operation instead and exits ({@link RelayCommands}).
 */
@SpringBootApplication
public class OutboxRelayApplication {

    /** Names this service's config file, so several services can share one classpath without clashing. */
    public static final String CONFIG = "spring.config.name=outbox-relay";

    public static void main(String[] args) {
        SpringApplicationBuilder relay = new SpringApplicationBuilder(OutboxRelayApplication.class).properties(CONFIG);
        if (RelayCommands.isCommand(args)) {
            // A one-off operation next to the running relay: no web server (its port is taken), no streaming.
            relay.web(WebApplicationType.NONE);
            System.exit(SpringApplication.exit(relay.run(args)));
        }
        relay.run(args);
    }
}
