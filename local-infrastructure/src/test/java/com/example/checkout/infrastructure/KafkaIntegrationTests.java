package com.example.checkout.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class KafkaIntegrationTests {

    private final KafkaBroker kafka = SharedInfrastructure.get().kafka();

    @Test
    void aProducedRecordIsConsumed() {
        // given
        String topic = uniqueTopic();
        kafka.createTopic(topic, 3);

        // when
        send(topic, "order-1", "placed");

        // then
        try (KafkaConsumer<String, String> consumer = consumer("round-trip")) {
            consumer.subscribe(List.of(topic));
            List<ConsumerRecord<String, String>> received = pollUntil(consumer, 1);
            assertThat(received).extracting(ConsumerRecord::key, ConsumerRecord::value)
                    .containsExactly(tuple("order-1", "placed"));
        }
    }

    @Test
    void topicsAreNotCreatedByProducing() throws Exception {
        String undeclared = uniqueTopic();

        try (KafkaProducer<String, String> producer = producer(Map.of(ProducerConfig.MAX_BLOCK_MS_CONFIG, 2_000))) {
            assertThatThrownBy(() -> producer.send(new ProducerRecord<>(undeclared, "k", "v")).get())
                    .hasMessageContaining("not present in metadata");
        }
        assertThat(topicNames()).doesNotContain(undeclared);
    }

    @Test
    void creatingATopicTwiceKeepsTheFirst() throws Exception {
        String topic = uniqueTopic();

        kafka.createTopic(topic, 3);
        kafka.createTopic(topic, 5);

        try (Admin admin = admin()) {
            assertThat(admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions()).hasSize(3);
        }
    }

    @Test
    void aRestartKeepsTopicsRecordsAndCommittedOffsets() throws Exception {
        // given a topic with three records, of which a group has consumed and committed the first two
        String topic = uniqueTopic();
        String group = "restart-" + topic;
        kafka.createTopic(topic, 1);
        send(topic, "k", "first");
        send(topic, "k", "second");
        send(topic, "k", "third");
        TopicPartition partition = new TopicPartition(topic, 0);
        try (KafkaConsumer<String, String> consumer = consumer(group)) {
            consumer.subscribe(List.of(topic));
            pollUntil(consumer, 3);
            consumer.commitSync(Map.of(partition, new OffsetAndMetadata(2)));
        }
        String bootstrapServers = kafka.bootstrapServers();

        // when the broker goes down and comes back
        kafka.stop();
        assertThat(kafka.isRunning()).isFalse();
        assertThat(accepts(bootstrapServers)).as("broker port open while stopped").isFalse();
        kafka.start();

        // then it is at the same address, and the group resumes with the record it had not committed
        assertThat(kafka.isRunning()).isTrue();
        assertThat(kafka.bootstrapServers()).isEqualTo(bootstrapServers);
        assertThat(topicNames()).contains(topic);
        try (KafkaConsumer<String, String> consumer = consumer(group)) {
            consumer.subscribe(List.of(topic));
            assertThat(pollUntil(consumer, 1)).extracting(ConsumerRecord::value).containsExactly("third");
        }
    }

    private void send(String topic, String key, String value) {
        try (KafkaProducer<String, String> producer = producer(Map.of())) {
            producer.send(new ProducerRecord<>(topic, key, value)).get();
        } catch (InterruptedException | ExecutionException e) {
            throw new AssertionError("Could not send to " + topic, e);
        }
    }

    private static List<ConsumerRecord<String, String>> pollUntil(KafkaConsumer<String, String> consumer, int count) {
        List<ConsumerRecord<String, String>> received = new ArrayList<>();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            consumer.poll(Duration.ofMillis(200)).forEach(received::add);
            assertThat(received).hasSize(count);
        });
        return received;
    }

    private KafkaProducer<String, String> producer(Map<String, Object> overrides) {
        Map<String, Object> config = new HashMap<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class));
        config.putAll(overrides);
        return new KafkaProducer<>(config);
    }

    private KafkaConsumer<String, String> consumer(String group) {
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, group,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class));
    }

    private Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()));
    }

    private Set<String> topicNames() throws Exception {
        try (Admin admin = admin()) {
            return admin.listTopics().names().get();
        }
    }

    private static boolean accepts(String bootstrapServers) {
        String[] hostAndPort = bootstrapServers.split(":");
        try (Socket ignored = new Socket(hostAndPort[0], Integer.parseInt(hostAndPort[1]))) {
            return true;
        } catch (IOException refused) {
            return false;
        }
    }

    private static String uniqueTopic() {
        return "test-" + UUID.randomUUID();
    }
}
