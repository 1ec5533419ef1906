package com.example.checkout.relay.streaming;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.example.checkout.relay.leadership.LeaderLock;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.ApplicationArguments;
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
 * {@code spring.kafka.bootstrap-servers}) and {@link RelayProperties}: one
 * {@link OutboxRelay} per source database.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RelayProperties.class)
class RelayConfiguration {

    private static final Logger log = LoggerFactory.getLogger(RelayConfiguration.class);

    @Bean(destroyMethod = "close")
    OutboxRelays outboxRelays(JdbcConnectionDetails jdbc, KafkaConnectionDetails kafka,
            KafkaProperties kafkaProperties, KafkaAdmin kafkaAdmin, MeterRegistry meterRegistry, RelayProperties relay,
            ApplicationArguments arguments, ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
        String bootstrapServers = String.join(",", kafka.getProducer().getBootstrapServers());
        // Boot's tracing auto-configuration provides both; without it (tracing switched off) no spans.
        RelayTracing tracing = new RelayTracing(tracer.getIfAvailable(() -> Tracer.NOOP),
                propagator.getIfAvailable(() -> Propagator.NOOP));
        List<OutboxRelay> relays = new ArrayList<>();
        for (RelaySource source : RelaySource.all(relay, jdbc)) {
            Map<String, Object> producerConfig = producerConfig(kafkaProperties, bootstrapServers, relay, source);
            NewTopic[] topics = source.topics().stream()
                    .map(topic -> TopicBuilder.name(topic).partitions(relay.ordersTopicPartitions()).build())
                    .toArray(NewTopic[]::new);
            ParkedEvents parked = new ParkedEvents(source);
            SourceDatabase database = source.database();
            relays.add(new OutboxRelay(
                    source,
                    EngineSettings.forOutbox(source, bootstrapServers, relay),
                    () -> new KafkaProducer<>(producerConfig),
                    () -> {
                        ReplicationSlotCheck slot = new ReplicationSlotCheck(source);
                        slot.run();
                        if (relay.slotFailover()) {
                            slot.makeFailoverSlot();
                        }
                        if (!parked.tableExists()) {
                            log.warn("Source {}: {}", source.name(), parked.missingTable());
                        }
                        kafkaAdmin.createOrModifyTopics(topics);
                    },
                    new LeaderLock(database.jdbcUrl(), database.username(), database.password(),
                            source.leaderLockId(), relay.leaderLease()),
                    parked,
                    new RelayMetrics(meterRegistry, Clock.systemUTC(), source.name()),
                    tracing,
                    relay));
        }
        // A one-off command (RelayCommands) runs next to the streaming instances and must not compete with them.
        return new OutboxRelays(relays, !RelayCommands.isCommand(arguments.getSourceArgs()));
    }

    @Bean
    RelayCommands relayCommands(OutboxRelays relays, KafkaConnectionDetails kafka, KafkaProperties kafkaProperties,
            RelayProperties relay) {
        String bootstrapServers = String.join(",", kafka.getProducer().getBootstrapServers());
        return new RelayCommands(relays,
                source -> new KafkaProducer<>(producerConfig(kafkaProperties, bootstrapServers, relay, source)));
    }

    @Bean
    RelayHealthIndicator relayHealthIndicator(OutboxRelays relays) {
        return new RelayHealthIndicator(relays);
    }

    /**
     * {@code spring.kafka.producer.*} still applies (timeouts, client id), but what the delivery guarantee rests on
     * is fixed here: every record acknowledged by all in-sync replicas, retries without duplicates or reordering.
     */
    static Map<String, Object> producerConfig(KafkaProperties kafkaProperties, String bootstrapServers,
            RelayProperties relay, RelaySource source) {
        Map<String, Object> config = new HashMap<>(kafkaProperties.buildProducerProperties());
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.LINGER_MS_CONFIG, (int) relay.producerLinger().toMillis());
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.CLIENT_ID_CONFIG,
                config.getOrDefault(ProducerConfig.CLIENT_ID_CONFIG, "outbox-relay") + "-" + source.name());
        return config;
    }
}
