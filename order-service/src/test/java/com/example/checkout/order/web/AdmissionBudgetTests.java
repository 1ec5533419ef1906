package com.example.checkout.order.web;

import java.time.Duration;

import com.example.checkout.order.web.AdmissionProperties.Algorithm;
import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class AdmissionBudgetTests {

    @Test
    void aLimitBelowThePoolAndTheThreadsIsAccepted() {
        assertThatCode(() -> new AdmissionBudget(limit(8), pool(10), threads(32))).doesNotThrowAnyException();
    }

    @Test
    void aLimitThatWouldTakeEveryConnectionIsRefused() {
        assertThatIllegalStateException().isThrownBy(() -> new AdmissionBudget(limit(10), pool(10), threads(32)))
                .withMessageContaining("checkout.admission.max-in-flight (10)")
                .withMessageContaining("spring.datasource.hikari.maximum-pool-size (10)");
    }

    @Test
    void aLimitThatWouldTakeEveryRequestThreadIsRefused() {
        assertThatIllegalStateException().isThrownBy(() -> new AdmissionBudget(limit(8), pool(50), threads(8)))
                .withMessageContaining("server.tomcat.threads.max (8)");
    }

    private static AdmissionProperties limit(int maxInFlight) {
        return new AdmissionProperties(true, Algorithm.FIXED, maxInFlight, Duration.ofSeconds(1));
    }

    private static HikariDataSource pool(int size) {
        HikariDataSource pool = new HikariDataSource();
        pool.setMaximumPoolSize(size);
        return pool;
    }

    private static MockEnvironment threads(int max) {
        return new MockEnvironment().withProperty("server.tomcat.threads.max", Integer.toString(max));
    }
}
