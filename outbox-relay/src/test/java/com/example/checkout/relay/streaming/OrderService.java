package com.example.checkout.relay.streaming;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.sql.DataSource;

import com.example.checkout.infrastructure.Infrastructure;
import com.example.checkout.infrastructure.LocalPaymentProvider;
import com.example.checkout.infrastructure.SharedInfrastructure;
import com.example.checkout.order.OrderServiceApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * The real order-service, running in this JVM, and a shopper placing orders through its HTTP API. Its Flyway
 * migrations create the outbox, the publication and the relay's replication slot before it takes its first order,
 * exactly as in production; the relay tests write no outbox rows of their own.
 */
final class OrderService {

    static final String CUSTOMER_ID = "c-42";
    static final String EMAIL = "ada@example.com";
    static final String SKU = "SKU-001";
    static final int QUANTITY = 2;
    private static final String CHECKOUT = """
            {"customerId":"%s","email":"%s","items":[{"sku":"%s","quantity":%d}],"paymentToken":"tok_ok"}"""
            .formatted(CUSTOMER_ID, EMAIL, SKU, QUANTITY);

    private static OrderService shared;

    private final URI checkoutUri;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final JdbcClient database;

    private OrderService(ConfigurableApplicationContext application) {
        this.checkoutUri = URI.create("http://localhost:"
                + application.getEnvironment().getRequiredProperty("local.server.port") + "/checkout");
        this.database = JdbcClient.create(application.getBean(DataSource.class));
    }

    /**
     * order-service on the {@code orders} database of the JVM's shared infrastructure, started on first use and
     * shared like the infrastructure. It must start before any relay: its migrations create the slot.
     */
    static synchronized OrderService shared() {
        if (shared == null) {
            shared = start(SharedInfrastructure.get());
        }
        return shared;
    }

    private static OrderService start(Infrastructure infrastructure) {
        Map<String, Object> properties = new LinkedHashMap<>(infrastructure.springProperties("orders"));
        properties.put("server.port", 0);
        // It charges each checkout at the payment provider: the simulator, in this JVM too.
        properties.put("checkout.payment.base-url", LocalPaymentProvider.shared().baseUrl());
        return new OrderService(SpringApplications.run(OrderServiceApplication.class, OrderServiceApplication.CONFIG,
                properties));
    }

    /** {@code POST /checkout} for two bags of SKU-001; returns the order id of the {@code 201}. */
    String placeOrder() {
        return placeOrder(HttpRequest.newBuilder(checkoutUri));
    }

    /** Places an order in the caller's W3C trace, which order-service records in the outbox row. */
    String placeOrder(String traceparent) {
        return placeOrder(HttpRequest.newBuilder(checkoutUri).header("traceparent", traceparent));
    }

    private String placeOrder(HttpRequest.Builder request) {
        HttpResponse<String> response;
        try {
            response = http.send(request.header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(CHECKOUT)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("POST " + checkoutUri + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while placing an order", e);
        }
        if (response.statusCode() != 201) {
            throw new IllegalStateException("POST /checkout answered " + response.statusCode() + ": " + response.body());
        }
        return JsonMapper.shared().readTree(response.body()).path("orderId").asString();
    }

    /** Places {@code count} orders from {@code clients} concurrent shoppers and returns their order ids. */
    List<String> placeOrders(int count, int clients) {
        try (ExecutorService shoppers = Executors.newFixedThreadPool(clients)) {
            List<Future<String>> placed = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                placed.add(shoppers.submit(() -> placeOrder()));
            }
            List<String> orderIds = new ArrayList<>();
            for (Future<String> order : placed) {
                orderIds.add(order.get());
            }
            return orderIds;
        } catch (ExecutionException e) {
            throw new IllegalStateException("placing " + count + " orders failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while placing " + count + " orders", e);
        }
    }

    /** The ids among {@code orderIds} of orders order-service has a row for. */
    List<String> ordersAmong(Collection<String> orderIds) {
        return database.sql("SELECT id::text FROM orders WHERE id::text IN (:ids)").param("ids", orderIds)
                .query(String.class).list();
    }

    /** The outbox ids (the {@code ce_id}s) of the events written for {@code orderIds}. */
    List<String> eventIdsOf(Collection<String> orderIds) {
        return database.sql("SELECT id::text FROM outbox WHERE aggregate_id IN (:ids)").param("ids", orderIds)
                .query(String.class).list();
    }

    /** The trace context order-service wrote into the order's outbox row. */
    String traceparentOf(String orderId) {
        return database.sql("SELECT traceparent FROM outbox WHERE aggregate_id = ?").param(orderId)
                .query(String.class).single();
    }

    /** The orders database, for the relay tests' looks at the slot and the heartbeat. */
    JdbcClient database() {
        return database;
    }
}
