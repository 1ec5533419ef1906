package com.example.checkout.relay.streaming;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.example.checkout.events.EventHeaders;
import com.example.checkout.events.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads the {@code orders} topic from the beginning with a plain consumer (no group, no commits), the way a test
 * checks what the relay really published. Not thread-safe: one test thread polls it.
 */
final class OrdersTopic implements AutoCloseable {

    private final KafkaConsumer<String, String> consumer;
    private final String topic;
    private final List<ConsumerRecord<String, String>> received = new ArrayList<>();

    OrdersTopic(String bootstrapServers) {
        this(bootstrapServers, Topics.ORDERS);
    }

    /** Reads {@code topic} instead, e.g. another source's. */
    OrdersTopic(String bootstrapServers, String topic) {
        this.topic = topic;
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 10));
    }

    /** Fetches what arrived since the last call and returns everything received so far. */
    List<ConsumerRecord<String, String>> poll() {
        if (consumer.assignment().isEmpty() && !assignAllPartitions()) {
            return List.of();
        }
        consumer.poll(Duration.ofMillis(200)).forEach(received::add);
        return List.copyOf(received);
    }

    /** The relay declares the topic when it starts streaming; until then there is nothing to read. */
    private boolean assignAllPartitions() {
        List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(5)).stream()
                .map(partition -> new TopicPartition(partition.topic(), partition.partition()))
                .toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        return !partitions.isEmpty();
    }

    /** How many times each {@code ce_id} of the records received so far was published. */
    Map<String, Long> publicationsById() {
        return poll().stream().collect(java.util.stream.Collectors.groupingBy(OrdersTopic::eventId,
                java.util.stream.Collectors.counting()));
    }

    /** Polls until a poll brings nothing new: everything published so far has been read. */
    List<ConsumerRecord<String, String>> pollToTheEnd() {
        int seen;
        do {
            seen = received.size();
            poll();
        } while (received.size() > seen || consumer.assignment().isEmpty());
        return List.copyOf(received);
    }

    /** Everything received so far whose key (the order id) is one of {@code orderIds}. */
    List<ConsumerRecord<String, String>> eventsOf(Collection<String> orderIds) {
        Set<String> wanted = Set.copyOf(orderIds);
        return poll().stream().filter(record -> wanted.contains(record.key())).toList();
    }

    static Optional<String> header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return Optional.ofNullable(header).map(h -> new String(h.value(), StandardCharsets.UTF_8));
    }

    static String eventId(ConsumerRecord<?, ?> record) {
        return header(record, EventHeaders.ID).orElseThrow();
    }

    @Override
    public void close() {
        consumer.close();
    }
}
