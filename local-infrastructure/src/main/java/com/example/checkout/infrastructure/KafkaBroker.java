package com.example.checkout.infrastructure;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * A running Kafka broker with {@code auto.create.topics.enable=false}: a topic exists because its owner declared it.
 */
public interface KafkaBroker {

    String bootstrapServers();

    /** Stops the broker, to simulate a Kafka outage; topics and committed offsets are kept. */
    void stop();

    /** Starts the broker again on the same port with the same data. */
    void start();

    boolean isRunning();

    /**
     * Creates the topic unless it exists already (whatever its partition count), with replication factor 1.
     * For tests that run a consumer without the service that owns the topic.
     */
    default void createTopic(String name, int partitions) {
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000))) {
            admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1))).all().get();
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("Could not create topic " + name, e.getCause());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating topic " + name, e);
        }
    }
}
