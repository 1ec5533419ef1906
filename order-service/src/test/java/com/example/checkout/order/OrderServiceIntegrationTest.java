package com.example.checkout.order;

import com.example.checkout.events.Topics;
import com.example.checkout.infrastructure.LocalPaymentProvider;
import com.example.checkout.infrastructure.PaymentLedger;
import com.example.checkout.infrastructure.SharedInfrastructure;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The order service on a random port against the JVM's shared real Postgres, charging the payment-provider
 * simulator over HTTP. Every integration test extends this
 * one class, so they all share one application context (and one set of infrastructure).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        OrderServiceApplication.CONFIG,
        // The saga's consumer retries quickly here: 3 deliveries within about a second, then its DLT.
        "checkout.consumer.retry.attempts=3",
        "checkout.consumer.retry.initial-interval=200ms",
        "checkout.consumer.retry.max-interval=500ms",
        "checkout.consumer.retry.jitter=50ms",
        // Runs of the reconciler are the system tests' (with a grace period of seconds); here it would only refund
        // what a test is still counting.
        "checkout.payment.reconciliation.enabled=false"})
public abstract class OrderServiceIntegrationTest {

    @LocalServerPort
    private int port;

    @Autowired
    protected JdbcClient database;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        SharedInfrastructure.get().kafka().createTopic(Topics.INVENTORY, 3);
        SharedInfrastructure.register(registry, "orders");
        registry.add("checkout.payment.base-url", () -> LocalPaymentProvider.shared().baseUrl());
    }

    /** The payment provider's books: what was really captured and refunded. */
    protected PaymentLedger ledger() {
        return LocalPaymentProvider.shared();
    }

    /** An HTTP client of the running service. */
    protected OrderApi api() {
        return new OrderApi(port);
    }

    /** How many rows the order tables hold now: what a rejected request must leave unchanged. */
    protected RowCounts rowCounts() {
        return RowCounts.of(database);
    }
}
