package com.example.checkout.email;

import com.example.checkout.consumer.EnableReliableConsumer;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Sends the order confirmation for every order placed; one consumer group, one database. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableReliableConsumer
public class EmailServiceApplication {

    /** Several services can share one JVM (the local demo): each reads only its own configuration file. */
    public static final String CONFIG = "spring.config.name=email-service";

    public static void main(String[] args) {
        new SpringApplicationBuilder(EmailServiceApplication.class).properties(CONFIG).run(args);
    }
}
