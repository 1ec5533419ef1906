package com.example.checkout.analytics;

import com.example.checkout.consumer.EnableReliableConsumer;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** Sales figures from the orders placed; one consumer group, one database. */
@SpringBootApplication
@EnableReliableConsumer
public class AnalyticsServiceApplication {

    /** Several services can share one JVM (the local demo): each reads only its own configuration file. */
    public static final String CONFIG = "spring.config.name=analytics-service";

    public static void main(String[] args) {
        new SpringApplicationBuilder(AnalyticsServiceApplication.class).properties(CONFIG).run(args);
    }
}
