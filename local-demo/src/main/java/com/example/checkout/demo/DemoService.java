package com.example.checkout.demo;

import java.util.function.ToIntFunction;

import org.jspecify.annotations.Nullable;

import com.example.checkout.analytics.AnalyticsServiceApplication;
import com.example.checkout.console.ConsoleApplication;
import com.example.checkout.email.EmailServiceApplication;
import com.example.checkout.inventory.InventoryServiceApplication;
import com.example.checkout.order.OrderServiceApplication;
import com.example.checkout.relay.OutboxRelayApplication;

/** The five services and the console, in start-up order: the order service's migrations create the slot the relay reads. */
enum DemoService {

    ORDER("order-service", OrderServiceApplication.class, OrderServiceApplication.CONFIG, "orders", DemoPorts::order),
    RELAY("outbox-relay", OutboxRelayApplication.class, OutboxRelayApplication.CONFIG, "orders", DemoPorts::relay),
    EMAIL("email-service", EmailServiceApplication.class, EmailServiceApplication.CONFIG, "email", DemoPorts::email),
    INVENTORY("inventory-service", InventoryServiceApplication.class, InventoryServiceApplication.CONFIG, "inventory",
            DemoPorts::inventory),
    ANALYTICS("analytics-service", AnalyticsServiceApplication.class, AnalyticsServiceApplication.CONFIG, "analytics",
            DemoPorts::analytics),
    /** Owns no database: it reads the other services' APIs. */
    CONSOLE("console", ConsoleApplication.class, ConsoleApplication.CONFIG, null, DemoPorts::console);

    final String serviceName;
    final Class<?> applicationClass;
    /** {@code spring.config.name=<service>}: each context reads its own {@code <service>.yml}, as in its container. */
    final String configName;
    final @Nullable String database;
    private final ToIntFunction<DemoPorts> port;

    DemoService(String serviceName, Class<?> applicationClass, String configName, @Nullable String database,
                ToIntFunction<DemoPorts> port) {
        this.serviceName = serviceName;
        this.applicationClass = applicationClass;
        this.configName = configName;
        this.database = database;
        this.port = port;
    }

    int port(DemoPorts ports) {
        return port.applyAsInt(ports);
    }

    String url(DemoPorts ports) {
        return "http://localhost:" + port(ports);
    }
}
