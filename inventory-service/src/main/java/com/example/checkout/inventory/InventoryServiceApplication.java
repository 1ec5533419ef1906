package com.example.checkout.inventory;

import com.example.checkout.consumer.EnableReliableConsumer;
import com.example.checkout.retention.EnableOutboxRetention;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** Reserves stock for every order placed; one consumer group, one database, its outbox kept to a window. */
@SpringBootApplication
@EnableReliableConsumer
@EnableOutboxRetention
public class InventoryServiceApplication {

    /** Several services can share one JVM (the local demo): each reads only its own configuration file. */
    public static final String CONFIG = "spring.config.name=inventory-service";

    public static void main(String[] args) {
        new SpringApplicationBuilder(InventoryServiceApplication.class).properties(CONFIG).run(args);
    }
}
