package com.example.checkout.services;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The services of the checkout, in start-up order: the one list that the local demo, the system tests, the embedded
 * and container infrastructure and the deployment checks read, so a new service is added here once.
 *
 * <p>{@link #serviceName()} is the Maven module, the compose service, the Kubernetes Deployment and the
 * {@code spring.config.name}; {@link #port()} is its port on one machine; {@link #database()} the Postgres database
 * it connects to, as {@link #databaseRole()}. Each service owns its database; the relay is the one exception: it
 * reads the order service's outbox (and only that) through logical replication.
 */
public enum SystemService {

    /**
     * The payment provider simulator, a stand-in for a remote provider with its own database: first, because the
     * order service charges through it.
     */
    PAYMENT_PROVIDER("payment-provider", 8086, "payments", "payment_provider",
            "com.example.checkout.payment.provider.PaymentProviderApplication"),
    ORDER("order-service", 8080, "orders", "order_service", "com.example.checkout.order.OrderServiceApplication"),
    /** Starts after order-service: its migrations create the replication slot the relay reads. */
    RELAY("outbox-relay", 8081, "orders", "outbox_relay", "com.example.checkout.relay.OutboxRelayApplication"),
    EMAIL("email-service", 8082, "email", "email_service", "com.example.checkout.email.EmailServiceApplication"),
    INVENTORY("inventory-service", 8083, "inventory", "inventory_service",
            "com.example.checkout.inventory.InventoryServiceApplication"),
    ANALYTICS("analytics-service", 8084, "analytics", "analytics_service",
            "com.example.checkout.analytics.AnalyticsServiceApplication"),
    /** The web console: no database, it reads the other services' HTTP APIs and metrics. */
    CONSOLE("console", 8085, null, null, "com.example.checkout.console.ConsoleApplication");

    private final String serviceName;
    private final int port;
    private final String database;
    private final String databaseRole;
    private final String applicationClassName;

    SystemService(String serviceName, int port, String database, String databaseRole, String applicationClassName) {
        this.serviceName = serviceName;
        this.port = port;
        this.database = database;
        this.databaseRole = databaseRole;
        this.applicationClassName = applicationClassName;
    }

    /** The module, compose service, Kubernetes Deployment and configuration file name, e.g. {@code order-service}. */
    public String serviceName() {
        return serviceName;
    }

    /** Its HTTP port on one machine (the demo, compose, the container port in Kubernetes). */
    public int port() {
        return port;
    }

    /** The database it connects to; empty for a service without one (it reads only other services' APIs). */
    public Optional<String> database() {
        return Optional.ofNullable(database);
    }

    /** The Postgres role it logs in as: it may use its own database and nothing else. */
    public Optional<String> databaseRole() {
        return Optional.ofNullable(databaseRole);
    }

    /** The Spring Boot application class, by name: this list depends on no service, every service can be on it. */
    public String applicationClassName() {
        return applicationClassName;
    }

    /** {@code spring.config.name=<service>}: each service reads its own {@code <service>.yml}, as in its container. */
    public String configName() {
        return "spring.config.name=" + serviceName;
    }

    /** The service owns its database (creates its tables), rather than reading another's as the relay does. */
    public boolean ownsDatabase() {
        return database != null && Arrays.stream(values()).filter(other -> database.equals(other.database))
                .findFirst().orElseThrow() == this;
    }

    /** The databases that exist before any service starts, one per service that owns data, in start-up order. */
    public static List<String> databases() {
        return Arrays.stream(values()).map(SystemService::database).flatMap(Optional::stream).distinct().toList();
    }

    public static SystemService named(String serviceName) {
        return Arrays.stream(values()).filter(service -> service.serviceName.equals(serviceName)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Unknown service '" + serviceName + "'; known: "
                        + Arrays.stream(values()).map(SystemService::serviceName).toList()));
    }
}
