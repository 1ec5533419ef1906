package com.example.checkout.relay.streaming;

import java.util.Map;

import com.example.checkout.infrastructure.Infrastructure;
import com.example.checkout.infrastructure.SharedInfrastructure;
import com.example.checkout.order.OrderServiceApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The real order service, started once per test JVM on the shared infrastructure: its Flyway history creates the
 * outbox, the publication and the replication slot the relay streams from, and its {@code POST /checkout} writes
 * the outbox rows. Closed when the JVM exits, like the infrastructure.
 */
final class RunningOrderService {

    private static OrderServiceClient client;

    private RunningOrderService() {
    }

    static synchronized OrderServiceClient get() {
        if (client == null) {
            client = start(SharedInfrastructure.get().springProperties("orders"));
        }
        return client;
    }

    /** An order service of its own on {@code database}, for tests that need a database nobody else wrote to. */
    static OrderServiceClient startOn(Infrastructure infrastructure, String database) {
        Map<String, Object> properties = new java.util.LinkedHashMap<>(infrastructure.springProperties("orders"));
        properties.put("spring.datasource.url", infrastructure.postgres().jdbcUrl(database));
        return start(properties);
    }

    private static OrderServiceClient start(Map<String, Object> infrastructure) {
        ConfigurableApplicationContext context = new SpringApplicationBuilder(OrderServiceApplication.class)
                .properties(OrderServiceApplication.CONFIG, "server.port=0")
                .properties(infrastructure)
                .run();
        Runtime.getRuntime().addShutdownHook(new Thread(context::close, "order-service-shutdown"));
        return new OrderServiceClient(context);
    }
}
