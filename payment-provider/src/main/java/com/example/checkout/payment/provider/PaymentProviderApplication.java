package com.example.checkout.payment.provider;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** A remote payment provider's stand-in: its own process and database, so a capture outlives the checkout's JVM. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class PaymentProviderApplication {

    /** Several services can share one JVM (the local demo): each reads only its own configuration file. */
    public static final String CONFIG = "spring.config.name=payment-provider";

    public static void main(String[] args) {
        new SpringApplicationBuilder(PaymentProviderApplication.class).properties(CONFIG).run(args);
    }
}
