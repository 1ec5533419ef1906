package com.example.checkout.payment.provider;

import java.time.Duration;

import com.example.checkout.infrastructure.SharedInfrastructure;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The provider on a random port against the shared real Postgres (its own database, as its own role); the test
 * classes extending this share one application. Counts are read from the database itself: the ledger, not the API,
 * is the proof of "exactly one".
 */
@SpringBootTest(classes = PaymentProviderApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = {PaymentProviderApplication.CONFIG, "payment-provider.slow-delay=" + RunningProvider.SLOW_DELAY})
abstract class RunningProvider {

    /** Long enough for a test to look at the capture and replay it while the first answer still waits. */
    static final String SLOW_DELAY = "PT3S";

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        SharedInfrastructure.register(registry, "payments");
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    ProviderApi api() {
        return ProviderApi.onPort(port);
    }

    static Duration slowDelay() {
        return Duration.parse(SLOW_DELAY);
    }

    long chargesWithKey(String key) {
        return jdbc.sql("SELECT count(*) FROM charges WHERE idempotency_key = ?").param(key).query(Long.class).single();
    }

    long refundsOf(String chargeId) {
        return jdbc.sql("SELECT count(*) FROM refunds WHERE charge_id = ?").param(chargeId).query(Long.class).single();
    }
}
