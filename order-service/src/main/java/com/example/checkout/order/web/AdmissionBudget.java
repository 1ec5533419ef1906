package com.example.checkout.order.web;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Refuses to start with an admission limit that protects nothing. Each admitted checkout holds one database
 * connection and one request thread; if the limit reached the pool's size, reads and health probes would queue
 * for a connection behind checkouts, and if it reached Tomcat's threads, nothing else could even be parsed.
 */
@Component
@ConditionalOnBooleanProperty(name = "checkout.admission.enabled", matchIfMissing = true)
class AdmissionBudget {

    /** Tomcat's own default, when {@code server.tomcat.threads.max} is not set. */
    private static final int TOMCAT_DEFAULT_MAX_THREADS = 200;

    AdmissionBudget(AdmissionProperties admission, DataSource dataSource, Environment environment) {
        int limit = admission.maxInFlight();
        if (dataSource instanceof HikariDataSource hikari) {
            int pool = hikari.getMaximumPoolSize();
            require(limit < pool, "checkout.admission.max-in-flight (" + limit
                    + ") must be below spring.datasource.hikari.maximum-pool-size (" + pool
                    + "), so reads and probes still get a connection");
        }
        int threads = environment.getProperty("server.tomcat.threads.max", Integer.class, TOMCAT_DEFAULT_MAX_THREADS);
        require(limit < threads, "checkout.admission.max-in-flight (" + limit
                + ") must be below server.tomcat.threads.max (" + threads + ")");
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalStateException(message);
        }
    }
}
