package com.example.checkout.system;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.example.checkout.consumer.ConsumerMetrics;
import com.example.checkout.consumer.outage.ConsumerPause;
import com.example.checkout.consumer.ServiceClient;
import com.example.checkout.infrastructure.Infrastructure;
import com.example.checkout.infrastructure.PaymentLedger;
import com.example.checkout.services.SystemService;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.mail.MessagingException;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Services of the system started in this JVM as in the local demo: each its own Spring application with its own
 * {@code <service>.yml} and database, handed the infrastructure's addresses as command-line arguments, on a random
 * port.
 */
final class RunningServices implements AutoCloseable {

    static final List<SystemService> CONSUMERS = List.of(SystemService.EMAIL, SystemService.INVENTORY, SystemService.ANALYTICS);

    private final Infrastructure infrastructure;
    private final Map<SystemService, ConfigurableApplicationContext> running = new LinkedHashMap<>();
    private ConfigurableApplicationContext inventoryRelay;
    private final Map<String, Object> beans = new LinkedHashMap<>();

    RunningServices(Infrastructure infrastructure) {
        this.infrastructure = infrastructure;
    }

    /**
     * Starts the services in the order given: the payment provider before order-service, which charges through it;
     * order-service before the relay, whose slot its migration creates.
     */
    RunningServices start(SystemService... services) {
        return start(Map.of(), services);
    }

    /** As {@link #start(SystemService...)}, with further properties for every service started. */
    RunningServices start(Map<String, String> overrides, SystemService... services) {
        for (SystemService service : services) {
            if (service == SystemService.ORDER && !running.containsKey(SystemService.PAYMENT_PROVIDER)) {
                // order-service charges the provider over HTTP: as in a deployment, it is there first.
                start(overrides, SystemService.PAYMENT_PROVIDER);
            }
            Map<String, Object> properties = new LinkedHashMap<>(infrastructure.springProperties(service));
            properties.put("server.port", "0");
            // A short retry schedule for the consumers: 5 deliveries within about 3 s.
            properties.put("checkout.consumer.retry.attempts", "5");
            properties.put("checkout.consumer.retry.initial-interval", "300ms");
            properties.put("checkout.consumer.retry.max-interval", "1s");
            properties.put("checkout.consumer.retry.jitter", "50ms");
            if (service == SystemService.ORDER && running.containsKey(SystemService.PAYMENT_PROVIDER)) {
                // The order service charges through the payment provider started before it, on its random port.
                properties.put("checkout.payment.base-url", api(SystemService.PAYMENT_PROVIDER).baseUrl());
                // The JVM's tests share one ledger: a reconciler here would refund other tests' captures while they
                // count. Reconciliation is tested with processes (RemotePaymentProviderIntegrationTests).
                properties.put("checkout.payment.reconciliation.enabled", "false");
            }
            properties.putAll(overrides);
            running.put(service, new SpringApplicationBuilder(applicationClass(service)).properties(service.configName())
                    .initializers(context -> beans.forEach(context.getBeanFactory()::registerSingleton))
                    .run(Infrastructure.commandLine(properties)));
        }
        return this;
    }

    /**
     * A bean every service started from now on gets, e.g. a span exporter that collects the spans of all services
     * (Boot's tracing auto-configuration exports to every {@code SpanExporter} bean).
     */
    RunningServices withBean(String name, Object bean) {
        beans.put(name, bean);
        return this;
    }

    /**
     * A second relay instance, streaming inventory's outbox to {@code inventory} with the slot and offsets of its
     * own: one streamer per source database. Needs inventory-service started (its migrations create the slot).
     */
    RunningServices startInventoryRelay() {
        Map<String, Object> properties = new LinkedHashMap<>(infrastructure.springProperties(SystemService.RELAY));
        properties.put("server.port", "0");
        // The relay's "inventory" source (outbox-relay/README.md, "Several source databases"), alone in this instance.
        properties.put("checkout.relay.orders-enabled", false);
        properties.put("checkout.relay.sources.inventory.url", infrastructure.postgres().jdbcUrl("inventory"));
        properties.put("checkout.relay.sources.inventory.slot-name", "inventory_outbox_relay");
        properties.put("checkout.relay.sources.inventory.topics", "inventory");
        inventoryRelay = new SpringApplicationBuilder(applicationClass(SystemService.RELAY))
                .properties(SystemService.RELAY.configName()).run(Infrastructure.commandLine(properties));
        return this;
    }

    private static Class<?> applicationClass(SystemService service) {
        try {
            return Class.forName(service.applicationClassName());
        } catch (ClassNotFoundException missing) {
            throw new IllegalStateException(service.serviceName() + " is not a test dependency of system-tests", missing);
        }
    }

    ConfigurableApplicationContext context(SystemService service) {
        return running.get(service);
    }

    ServiceClient api(SystemService service) {
        return ServiceClient.onPort(port(service));
    }

    /** The payment provider's books (started with order-service). */
    PaymentLedger paymentLedger() {
        return PaymentLedger.onPort(port(SystemService.PAYMENT_PROVIDER));
    }

    private int port(SystemService service) {
        return Integer.parseInt(context(service).getEnvironment().getProperty("local.server.port"));
    }

    /** {@code checkout.consumer.events} of one consumer service and outcome. */
    double counter(SystemService consumer, String outcome) {
        var counter = context(consumer).getBean(MeterRegistry.class).find(ConsumerMetrics.EVENTS)
                .tags("service", consumer.serviceName(), "outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }

    /** Whether the consumer's group is paused for a dependency outage (its {@code checkout.consumer.paused} gauge). */
    boolean paused(SystemService consumer) {
        var gauge = context(consumer).getBean(MeterRegistry.class).find(ConsumerPause.PAUSED)
                .tags("service", consumer.serviceName()).gauge();
        return gauge != null && gauge.value() == 1;
    }

    /** Messages the SMTP server received about this order: the ground truth, not the email service's own log. */
    long mailsAbout(UUID orderId) {
        return infrastructure.smtp().receivedMessages().stream().filter(mail -> {
            try {
                return mail.getSubject().contains(orderId.toString());
            } catch (MessagingException unreadable) {
                throw new IllegalStateException(unreadable);
            }
        }).count();
    }

    /** In reverse start order. */
    @Override
    public void close() {
        if (inventoryRelay != null) {
            inventoryRelay.close();
            inventoryRelay = null;
        }
        List<ConfigurableApplicationContext> contexts = new ArrayList<>(running.values());
        Collections.reverse(contexts);
        contexts.forEach(ConfigurableApplicationContext::close);
        running.clear();
    }
}
