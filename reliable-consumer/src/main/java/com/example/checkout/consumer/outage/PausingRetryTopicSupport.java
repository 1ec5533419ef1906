package com.example.checkout.consumer.outage;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.retrytopic.RetryTopicConfigurationSupport;
import org.springframework.kafka.retrytopic.RetryTopicSchedulerWrapper;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.util.backoff.FixedBackOff;

/**
 * spring-kafka's retry-topic setup, with one change: a {@link DependencyDownException} is retried in place, without
 * limit, instead of being forwarded to the next retry topic. The error handler seeks the record (and the rest of the
 * fetched batch) back; the containers are paused until the dependency answers, so the retry waits for the probe.
 * The short back-off only keeps a flapping dependency from spinning the consumer thread.
 */
@Configuration
public class PausingRetryTopicSupport extends RetryTopicConfigurationSupport {

    private static final long BACK_OFF_MILLIS = 100;

    /** The retry topics' delays run on it (spring-kafka's own bootstrap would create it when not extended). */
    @Bean
    RetryTopicSchedulerWrapper retryTopicSchedulerWrapper() {
        ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
        scheduler.setThreadNamePrefix("retry-topic-");
        scheduler.initialize();
        return new RetryTopicSchedulerWrapper(scheduler);
    }

    @Override
    protected void configureBlockingRetries(BlockingRetriesConfigurer blockingRetries) {
        blockingRetries.retryOn(DependencyDownException.class)
                .backOff(new FixedBackOff(BACK_OFF_MILLIS, FixedBackOff.UNLIMITED_ATTEMPTS));
    }
}
