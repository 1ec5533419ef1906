package com.example.checkout.analytics;

import java.time.Duration;
import java.util.UUID;

import com.example.checkout.infrastructure.Infrastructure;
import com.example.checkout.infrastructure.SharedInfrastructure;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The analytics service against the JVM's real broker and Postgres. Every integration test class extends this one,
 * so they share one application context: a second one would join the same consumer group and take partitions from
 * the first. Each test sells SKUs of its own ({@link #newSku}), so the units it reads are its own.
 */
@SpringBootTest(classes = AnalyticsServiceApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = AnalyticsServiceApplication.CONFIG)
abstract class AnalyticsIntegrationTest {

    static final Infrastructure INFRASTRUCTURE = SharedInfrastructure.get();
    static final Duration PROCESSING = Duration.ofSeconds(60);

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        INFRASTRUCTURE.kafka().createTopic("orders", 3);
        SharedInfrastructure.register(registry, "analytics");
    }

    @Autowired
    JdbcClient jdbc;

    long units(String sku) {
        return jdbc.sql("SELECT coalesce(sum(units), 0) FROM product_sales WHERE sku = ?").param(sku)
                .query(Long.class).single();
    }

    static String newSku() {
        return "SKU-T-" + UUID.randomUUID();
    }

    static String bootstrap() {
        return INFRASTRUCTURE.kafka().bootstrapServers();
    }
}
