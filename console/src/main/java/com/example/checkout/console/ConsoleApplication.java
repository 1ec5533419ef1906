package com.example.checkout.console;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The web console: shows an order travelling through the system and the system's vital signs, and lets an
 * operator replay dead letters and (in the local demo) break things on purpose. It owns no database: everything
 * it shows comes from the services' HTTP APIs and actuator metrics.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class ConsoleApplication {

    /** Names this application's config file, so it can share one classpath with the services in the demo. */
    public static final String CONFIG = "spring.config.name=console";

    public static void main(String[] args) {
        new SpringApplicationBuilder(ConsoleApplication.class).properties(CONFIG).run(args);
    }
}
