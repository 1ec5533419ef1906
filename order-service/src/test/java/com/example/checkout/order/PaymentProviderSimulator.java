package com.example.checkout.order;

import java.util.LinkedHashMap;
import java.util.Map;

import com.example.checkout.infrastructure.Infrastructure;
import com.example.checkout.infrastructure.PaymentLedger;
import com.example.checkout.infrastructure.SharedInfrastructure;
import com.example.checkout.services.SystemService;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The payment-provider simulator the order service's integration tests charge, started once per JVM on a random
 * port against its own database on the shared Postgres: a real remote provider over HTTP, as in the demo.
 */
public final class PaymentProviderSimulator {

    private static PaymentLedger ledger;

    private PaymentProviderSimulator() {
    }

    /** Its books (and its address: {@link PaymentLedger#baseUrl()}), starting it on the first call. */
    public static synchronized PaymentLedger ledger() {
        if (ledger == null) {
            SystemService provider = SystemService.PAYMENT_PROVIDER;
            Map<String, Object> properties = new LinkedHashMap<>(SharedInfrastructure.get().springProperties(provider));
            properties.put("server.port", "0");
            ConfigurableApplicationContext context = new SpringApplicationBuilder(applicationClass(provider))
                    .properties(provider.configName()).run(Infrastructure.commandLine(properties));
            ledger = PaymentLedger.onPort(Integer.parseInt(context.getEnvironment().getProperty("local.server.port")));
        }
        return ledger;
    }

    private static Class<?> applicationClass(SystemService service) {
        try {
            return Class.forName(service.applicationClassName());
        } catch (ClassNotFoundException missing) {
            throw new IllegalStateException("payment-provider is not a test dependency of order-service", missing);
        }
    }
}
