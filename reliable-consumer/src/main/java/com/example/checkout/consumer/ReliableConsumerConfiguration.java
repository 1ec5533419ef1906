package com.example.checkout.consumer;

import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.example.checkout.consumer.deadletter.DeadLetterController;
import com.example.checkout.consumer.deadletter.DeadLetters;
import com.example.checkout.consumer.outage.ConsumerLag;
import com.example.checkout.consumer.outage.ConsumerPause;
import com.example.checkout.consumer.outage.DatabaseDependency;
import com.example.checkout.consumer.outage.Dependency;
import com.example.checkout.consumer.outage.OutageProperties;
import com.example.checkout.consumer.retention.ConsumerRetention;
import com.example.checkout.consumer.retention.RetentionProperties;
import com.example.checkout.consumer.tracing.ProcessObservationConvention;
import com.example.checkout.consumer.tracing.ReplayTracing;
import com.example.checkout.consumer.tracing.SendObservationConvention;
import com.example.checkout.events.EventJson;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaConsumerFactoryCustomizer;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaProducerFactoryCustomizer;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.annotation.EnableKafka;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.retrytopic.RetryTopicConfiguration;
import org.springframework.kafka.retrytopic.RetryTopicConfigurationBuilder;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.Assert;

/**
 * Everything a consumer service gets from {@link EnableReliableConsumer}. Records are read as bytes and decoded
 * by {@link ReceivedEvent}, so an unreadable payload is an ordinary exception that goes to the DLT instead of a
 * deserializer failure that loops; the DLT publisher writes the exact original bytes and headers back.
 */
@Configuration(proxyBeanMethods = false)
@EnableKafka
@EnableConfigurationProperties({ConsumerProperties.class, RetentionProperties.class, OutageProperties.class})
@EnableScheduling
@Import({DeadLetterController.class, ConsumerRetryTopicSupport.class})
public class ReliableConsumerConfiguration {

    @Bean
    GroupTopics groupTopics(ConsumerProperties properties, KafkaProperties kafka) {
        String group = kafka.getConsumer().getGroupId();
        Assert.hasText(group, "spring.kafka.consumer.group-id names the consumer group and its retry topics");
        return new GroupTopics(properties.topic(), group);
    }

    @Bean
    ConsumerFactory<String, byte[]> consumerFactory(KafkaProperties kafka,
                                                    ObjectProvider<DefaultKafkaConsumerFactoryCustomizer> customizers) {
        Map<String, Object> config = new HashMap<>(kafka.buildConsumerProperties());
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // A new group starts at the beginning: events written before its first start are its business too.
        config.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        DefaultKafkaConsumerFactory<String, byte[]> factory = new DefaultKafkaConsumerFactory<>(config);
        // Boot's customizers bind the clients' metrics (consumer lag among them) to Micrometer.
        customizers.orderedStream().forEach(customizer -> customizer.customize(factory));
        return factory;
    }

    @Bean
    ProducerFactory<String, byte[]> producerFactory(KafkaProperties kafka,
                                                    ObjectProvider<DefaultKafkaProducerFactoryCustomizer> customizers) {
        Map<String, Object> config = new HashMap<>(kafka.buildProducerProperties());
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        DefaultKafkaProducerFactory<String, byte[]> factory = new DefaultKafkaProducerFactory<>(config);
        customizers.orderedStream().forEach(customizer -> customizer.customize(factory));
        return factory;
    }

    /** Publishes to the group's retry topics and DLT. */
    @Bean
    KafkaTemplate<String, byte[]> kafkaTemplate(ProducerFactory<String, byte[]> producerFactory) {
        KafkaTemplate<String, byte[]> template = new KafkaTemplate<>(producerFactory);
        // A forwarded record carries its attempt's trace on (see SendObservationConvention).
        template.setObservationEnabled(true);
        template.setObservationConvention(new SendObservationConvention());
        return template;
    }

    @Bean
    ConcurrentKafkaListenerContainerFactory<String, byte[]> kafkaListenerContainerFactory(
            ConsumerFactory<String, byte[]> consumerFactory, ConsumerProperties properties) {
        ConcurrentKafkaListenerContainerFactory<String, byte[]> factory = new ConcurrentKafkaListenerContainerFactory<>();
        factory.setConsumerFactory(consumerFactory);
        factory.setConcurrency(properties.concurrency());
        // Each record is processed in a span continuing its traceparent header, on the main and the retry topics.
        factory.getContainerProperties().setObservationEnabled(true);
        factory.getContainerProperties().setObservationConvention(new ProcessObservationConvention());
        return factory;
    }

    @Bean
    RetryTopicConfiguration groupRetryTopics(KafkaTemplate<String, byte[]> kafkaTemplate, ConsumerProperties properties,
                                             GroupTopics topics) {
        ConsumerProperties.Retry retry = properties.retry();
        return RetryTopicConfigurationBuilder.newInstance()
                .includeTopic(properties.topic())
                .maxAttempts(retry.attempts())
                .exponentialBackoff(retry.initialInterval().toMillis(), retry.multiplier(),
                        retry.maxInterval().toMillis(), retry.jitter().toMillis())
                .retryTopicSuffix(topics.retrySuffix())
                .dltSuffix(topics.dltSuffix())
                .suffixTopicsWithIndexValues()
                .autoCreateTopics(true, properties.partitions(), properties.replicationFactor())
                .notRetryOn(List.of(NonRetryableEventException.class, EventJson.UnreadableEvent.class))
                .dltHandlerMethod("deadLetters", "park")
                // One thread per retry topic and for the DLT: they carry a trickle, and three idle consumers on each
                // of six topics per group would be 15 more polling threads for nothing.
                .concurrency(1)
                .create(kafkaTemplate);
    }

    @Bean
    ConsumerMetrics consumerMetrics(MeterRegistry registry, GroupTopics topics) {
        return new ConsumerMetrics(registry, topics.group());
    }

    @Bean
    IdempotentProcessor idempotentProcessor(List<EventHandler<?>> handlers, JdbcClient jdbc,
                                            TransactionTemplate transaction, ConsumerMetrics metrics) {
        return new IdempotentProcessor(handlers, jdbc, transaction, metrics);
    }

    @Bean
    IncomingEvents incomingEvents(IdempotentProcessor processor, ConsumerMetrics metrics, ConsumerProperties properties,
                                  ConsumerPause pause) {
        return new IncomingEvents(processor, metrics, properties, pause);
    }

    @Bean
    DatabaseDependency databaseDependency(JdbcClient jdbc) {
        return new DatabaseDependency(jdbc);
    }

    @Bean
    ConsumerPause consumerPause(List<Dependency> dependencies, ObjectProvider<KafkaListenerEndpointRegistry> registry,
                                OutageProperties properties, GroupTopics topics, MeterRegistry meters) {
        return new ConsumerPause(dependencies, registry, properties, topics.group(), meters);
    }

    @Bean
    ConsumerLag consumerLag(KafkaAdmin kafkaAdmin, GroupTopics topics, MeterRegistry meters) {
        return new ConsumerLag(Admin.create(kafkaAdmin.getConfigurationProperties()), topics.topic(), topics.group(),
                meters);
    }

    /** Named: the retry-topic configuration refers to the DLT handler by bean name. */
    @Bean
    DeadLetters deadLetters(JdbcClient jdbc, TransactionTemplate transaction, IdempotentProcessor processor,
                            ConsumerMetrics metrics, MeterRegistry registry, GroupTopics topics, ConsumerProperties properties,
                            ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
        ReplayTracing tracing = new ReplayTracing(tracer.getIfAvailable(() -> Tracer.NOOP),
                propagator.getIfAvailable(() -> Propagator.NOOP), topics.group());
        DeadLetters deadLetters = new DeadLetters(jdbc, transaction, processor, metrics, tracing,
                properties.deadLetters().replayBatch());
        Gauge.builder("checkout.consumer.dlt.parked", deadLetters, DeadLetters::parkedCount)
                .description("Records parked on the group's DLT, waiting for a replay")
                .tag("service", topics.group()).register(registry);
        return deadLetters;
    }

    /** Keeps processed_events and replayed dead letters to their windows (checkout.consumer.retention.*). */
    @Bean
    ConsumerRetention consumerRetention(JdbcClient jdbc, RetentionProperties retention) {
        return new ConsumerRetention(jdbc, retention, Clock.systemUTC());
    }
}
