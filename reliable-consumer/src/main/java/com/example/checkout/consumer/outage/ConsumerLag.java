package com.example.checkout.consumer.outage;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;

/**
 * {@code checkout.consumer.lag{service}}: records of the group's topic not yet committed by the group, read from the
 * broker every few seconds. The consumer clients' own lag metric stops moving while they are paused (it is computed
 * from fetches), which is exactly when the lag matters; this one keeps counting. -1 until the first reading.
 */
public class ConsumerLag implements DisposableBean {

    public static final String LAG = "checkout.consumer.lag";

    private static final Logger log = LoggerFactory.getLogger(ConsumerLag.class);
    private static final Duration EVERY = Duration.ofSeconds(2);

    private final Admin admin;
    private final String topic;
    private final String group;
    private final ScheduledExecutorService readings;
    private volatile long lag = -1;

    public ConsumerLag(Admin admin, String topic, String group, MeterRegistry meters) {
        this.admin = admin;
        this.topic = topic;
        this.group = group;
        this.readings = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon()
                .name(group + "-lag").factory());
        Gauge.builder(LAG, this, ConsumerLag::lag)
                .description("Records of the topic the group has not committed yet")
                .tag("service", group).register(meters);
        readings.scheduleWithFixedDelay(this::read, 0, EVERY.toMillis(), TimeUnit.MILLISECONDS);
    }

    public long lag() {
        return lag;
    }

    private void read() {
        try {
            var partitions = admin.describeTopics(List.of(topic)).allTopicNames().get(10, TimeUnit.SECONDS)
                    .get(topic).partitions().stream().map(info -> new TopicPartition(topic, info.partition())).toList();
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
            Map<TopicPartition, ListOffsetsResultInfo> latest = offsets(partitions, OffsetSpec.latest());
            Map<TopicPartition, ListOffsetsResultInfo> earliest = offsets(partitions, OffsetSpec.earliest());
            long total = 0;
            for (TopicPartition partition : partitions) {
                OffsetAndMetadata done = committed.get(partition);
                long from = done != null ? done.offset() : earliest.get(partition).offset();
                total += Math.max(0, latest.get(partition).offset() - from);
            }
            lag = total;
        } catch (Exception unreadable) {
            // the broker may be down or the topic not created yet: keep the last reading
            log.debug("Lag of {} on {} not read: {}", group, topic, unreadable.toString());
        }
    }

    private Map<TopicPartition, ListOffsetsResultInfo> offsets(List<TopicPartition> partitions,
                                                               OffsetSpec spec) throws Exception {
        return admin.listOffsets(partitions.stream().collect(Collectors.toMap(Function.identity(), any -> spec)))
                .all().get(10, TimeUnit.SECONDS);
    }

    @Override
    public void destroy() {
        readings.shutdownNow();
        admin.close(Duration.ofSeconds(2));
    }
}
