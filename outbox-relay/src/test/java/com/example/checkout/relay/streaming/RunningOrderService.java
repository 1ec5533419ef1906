package com.example.checkout.relay.streaming;

import java.util.Collection;
import java.util.List;

import com.example.checkout.infrastructure.Infrastructure;
import com.example.checkout.infrastructure.SharedInfrastructure;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * INTERIM until order-service lands: writes outbox rows as the order service would (the outbox contract of
 * BRIEF.md on database {@code orders}).
 */
final class RunningOrderService {

    private static OrderServiceClient client;

    private RunningOrderService() {
    }

    static synchronized OrderServiceClient get() {
        if (client == null) {
            Infrastructure infrastructure = SharedInfrastructure.get();
            PGSimpleDataSource dataSource = new PGSimpleDataSource();
            dataSource.setUrl(infrastructure.postgres().jdbcUrl("orders"));
            dataSource.setUser(infrastructure.postgres().username());
            dataSource.setPassword(infrastructure.postgres().password());
            JdbcClient orders = JdbcClient.create(dataSource);
            FreshDatabaseIntegrationTests.OutboxContract.create(orders, "outbox_relay");
            client = new OrderServiceClient(orders);
        }
        return client;
    }

    static final class OrderServiceClient {

        static final String EMAIL = "shopper@example.com";
        private final JdbcClient orders;

        OrderServiceClient(JdbcClient orders) {
            this.orders = orders;
        }

        String placeOrder() {
            return FreshDatabaseIntegrationTests.OutboxContract.insertOrderPlaced(orders);
        }

        List<String> existingOrders(Collection<String> orderIds) {
            return orders.sql("SELECT aggregate_id FROM outbox WHERE aggregate_id IN (:ids)").param("ids", orderIds)
                    .query(String.class).list();
        }
    }
}
