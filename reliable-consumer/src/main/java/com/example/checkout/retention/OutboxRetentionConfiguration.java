package com.example.checkout.retention;

import java.time.Clock;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.EnableScheduling;

/** What {@link EnableOutboxRetention} imports. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@EnableConfigurationProperties(OutboxRetentionProperties.class)
class OutboxRetentionConfiguration {

    @Bean
    OutboxRetention outboxRetention(JdbcClient database, OutboxRetentionProperties properties) {
        return new OutboxRetention(database, properties, Clock.systemUTC());
    }
}
