package com.example.checkout.consumer.outage;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.KafkaListenerConfigUtils;
import org.springframework.kafka.listener.KafkaConsumerBackoffManager;
import org.springframework.kafka.listener.ListenerContainerRegistry;
import org.springframework.kafka.retrytopic.RetryTopicComponentFactory;
import org.springframework.kafka.retrytopic.RetryTopicConfigurationSupport;
import org.springframework.kafka.retrytopic.RetryTopicSchedulerWrapper;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.util.backoff.FixedBackOff;

/**
 * spring-kafka's retry-topic setup, with one change: a {@link DependencyDownException} is retried in place, without
 * limit, instead of being forwarded to the next retry topic. The error handler seeks the record (and the rest of the
 * fetched batch) back; the containers are paused until the dependency answers, so the retry waits for the probe.
 * The short back-off only keeps a flapping dependency from spinning the consumer thread.
 */
@Configuration
public class PausingRetryTopicSupport extends RetryTopicConfigurationSupport implements DisposableBean {

    private static final long BACK_OFF_MILLIS = 100;

    private final ThreadPoolTaskScheduler retryDelays = new ThreadPoolTaskScheduler();

    public PausingRetryTopicSupport() {
        retryDelays.setThreadNamePrefix("retry-topic-");
        retryDelays.initialize();
    }

    /**
     * The retry topics' delays run on a scheduler of their own, whatever schedulers the service has (spring-kafka's
     * own bootstrap, not used once its support class is extended, would create one).
     */
    @Override
    @Bean(name = KafkaListenerConfigUtils.KAFKA_CONSUMER_BACK_OFF_MANAGER_BEAN_NAME)
    public KafkaConsumerBackoffManager kafkaConsumerBackoffManager(ApplicationContext applicationContext,
            @Qualifier(KafkaListenerConfigUtils.KAFKA_LISTENER_ENDPOINT_REGISTRY_BEAN_NAME) @Nullable ListenerContainerRegistry registry,
            ObjectProvider<RetryTopicComponentFactory> componentFactoryProvider,
            @Nullable RetryTopicSchedulerWrapper wrapper, @Nullable TaskScheduler taskScheduler) {
        return super.kafkaConsumerBackoffManager(applicationContext, registry, componentFactoryProvider,
                wrapper != null ? wrapper : new RetryTopicSchedulerWrapper(retryDelays), taskScheduler);
    }

    @Override
    protected void configureBlockingRetries(BlockingRetriesConfigurer blockingRetries) {
        blockingRetries.retryOn(DependencyDownException.class)
                .backOff(new FixedBackOff(BACK_OFF_MILLIS, FixedBackOff.UNLIMITED_ATTEMPTS));
    }

    @Override
    public void destroy() {
        retryDelays.shutdown();
    }
}
