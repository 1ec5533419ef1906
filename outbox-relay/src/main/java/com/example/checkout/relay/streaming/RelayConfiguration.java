package com.example.checkout.relay.streaming;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

import com.example.checkout.events.Topics;
import com.example.checkout.relay.leadership.LeaderLock;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * Wires the relay from the two connection settings every deployment provides ({@code spring.datasource.*},
 * {@code spring.kafka.bootstrap-servers}) and {@link RelayProperties}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RelayProperties.class)
class RelayConfiguration {

    @Bean
    OutboxRelay outboxRelay(JdbcConnectionDetails jdbc, KafkaConnectionDetails kafka, KafkaProperties kafkaProperties,
            KafkaAdmin kafkaAdmin, MeterRegistry meterRegistry, ObjectProvider<Tracer> tracer,
            ObjectProvider<Propagator> propagator, RelayProperties relay) {
        SourceDatabase database = SourceDatabase.from(jdbc);
        String bootstrapServers = String.join(",", kafka.getProducer().getBootstrapServers());
        Map<String, Object> producerConfig = producerConfig(kafkaProperties, bootstrapServers, relay);
        NewTopic orders = TopicBuilder.name(Topics.ORDERS).partitions(relay.ordersTopicPartitions()).build();
        return new OutboxRelay(
                EngineSettings.forOutbox(database, bootstrapServers, relay),
                () -> new KafkaProducer<>(producerConfig),
                () -> {
                    new ReplicationSlotCheck(database, relay.slotName()).run();
                    kafkaAdmin.createOrModifyTopics(orders);
                },
                new LeaderLock(database.jdbcUrl(), database.username(), database.password(), relay.leaderLockId()),
                new RelayMetrics(meterRegistry, Clock.systemUTC()),
                // Boot's tracing auto-configuration provides both; without it (tracing switched off) no spans.
                new RelayTracing(tracer.getIfAvailable(() -> Tracer.NOOP), propagator.getIfAvailable(() -> Propagator.NOOP)),
                relay);
    }

    @Bean
    RelayHealthIndicator relayHealthIndicator(OutboxRelay relay) {
        return new RelayHealthIndicator(relay);
    }

    /**
     * {@code spring.kafka.producer.*} still applies (timeouts, client id), but what the delivery guarantee rests on
     * is fixed here: every record acknowledged by all in-sync replicas, retries without duplicates or reordering.
     */
    private static Map<String, Object> producerConfig(KafkaProperties kafkaProperties, String bootstrapServers,
            RelayProperties relay) {
        Map<String, Object> config = new HashMap<>(kafkaProperties.buildProducerProperties());
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.LINGER_MS_CONFIG, (int) relay.producerLinger().toMillis());
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "outbox-relay");
        return config;
    }
}
