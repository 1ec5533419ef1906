package com.example.checkout.consumer;

import com.example.checkout.consumer.deadletter.DeadLetterNotParked;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jspecify.annotations.Nullable;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.retrytopic.RetryTopicBeanNames;
import org.springframework.kafka.retrytopic.RetryTopicConfigurationSupport;
import org.springframework.kafka.retrytopic.RetryTopicSchedulerWrapper;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * spring-kafka's retry-topic infrastructure with the consumers' global settings. The one error handler of the
 * group's containers (main, retry and DLT topics) retries a {@link DeadLetterNotParked} in place, with a capped
 * exponential back-off and no end: while the database is down the DLT consumer waits on the record instead of
 * handing it to the dead-letter publisher, which would write it to the DLT again and read it back at once.
 */
@Configuration(proxyBeanMethods = false)
class ConsumerRetryTopicSupport extends RetryTopicConfigurationSupport {

    private final ConsumerProperties properties;

    ConsumerRetryTopicSupport(ConsumerProperties properties) {
        this.properties = properties;
    }

    /**
     * The scheduler that resumes a retry topic's partitions when a record's delay has passed. spring-kafka registers
     * one itself only when it configures the retry topics on its own, without this class.
     */
    @Bean(RetryTopicBeanNames.DEFAULT_SCHEDULER_WRAPPER_BEAN_NAME)
    RetryTopicSchedulerWrapper retryTopicScheduler() {
        ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
        scheduler.setThreadNamePrefix("retry-topic-");
        return new RetryTopicSchedulerWrapper(scheduler);
    }

    @Override
    protected void configureCustomizers(CustomizersConfigurer customizers) {
        customizers.customizeErrorHandler(handler -> {
            handler.addRetryableExceptions(DeadLetterNotParked.class);
            handler.setBackOffFunction(this::parkingBackOff);
        });
    }

    /** Null: any other exception keeps the default (none in place; the retry topics do the retrying). */
    private @Nullable BackOff parkingBackOff(ConsumerRecord<?, ?> record, Exception failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof DeadLetterNotParked) {
                ConsumerProperties.DeadLetters deadLetters = properties.deadLetters();
                ExponentialBackOff backOff = new ExponentialBackOff(
                        deadLetters.parkRetryInitialInterval().toMillis(), 2.0);
                backOff.setMaxInterval(deadLetters.parkRetryMaxInterval().toMillis());
                return backOff;
            }
        }
        return null;
    }
}
