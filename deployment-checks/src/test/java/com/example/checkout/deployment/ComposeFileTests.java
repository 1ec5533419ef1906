package com.example.checkout.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** How the compose environment is moved onto other infrastructure, as ComposeEnvironmentIntegrationTests does. */
class ComposeFileTests {

    private final ComposeFile compose = Architecture.composeFile();

    @Test
    void theEmailServicesEnvironmentPointsAtTheMovedInfrastructureAndKeepsEverythingElse() {
        Map<String, InetSocketAddress> moved = Map.of(
                "postgres", InetSocketAddress.createUnresolved("localhost", 15432),
                "kafka", InetSocketAddress.createUnresolved("127.0.0.1", 19092),
                "mailpit", InetSocketAddress.createUnresolved("localhost", 12525));

        Map<String, String> environment = compose.service("email-service").environmentWith(moved);

        assertThat(environment).containsExactlyInAnyOrderEntriesOf(Map.of(
                "SPRING_DATASOURCE_URL", "jdbc:postgresql://localhost:15432/email",
                "SPRING_DATASOURCE_USERNAME", "email_service",
                "SPRING_DATASOURCE_PASSWORD", "email_service",
                "SPRING_KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:19092",
                "SPRING_MAIL_HOST", "localhost",
                "SPRING_MAIL_PORT", "12525",
                "MANAGEMENT_OPENTELEMETRY_TRACING_EXPORT_OTLP_ENDPOINT", "http://lgtm:4318/v1/traces",
                "CHECKOUT_ADMIN_USERNAME", "admin",
                "CHECKOUT_ADMIN_PASSWORD", "checkout-admin"));
    }

    @Test
    void aHostThatWasNotMovedStaysAsItIs() {
        Map<String, String> environment = compose.service("order-service").environmentWith(Map.of(
                "kafka", InetSocketAddress.createUnresolved("localhost", 19092)));

        assertThat(environment).containsEntry("SPRING_DATASOURCE_URL", "jdbc:postgresql://postgres:5432/orders");
    }
}
