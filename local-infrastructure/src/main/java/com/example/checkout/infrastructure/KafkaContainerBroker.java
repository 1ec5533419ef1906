package com.example.checkout.infrastructure;

import com.github.dockerjava.api.model.PortBinding;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.testcontainers.kafka.KafkaContainer;

/** Kafka in a container ({@code apache/kafka}, KRaft combined mode), configured like the embedded broker. */
final class KafkaContainerBroker implements KafkaBroker, AutoCloseable {

    static final String IMAGE = "apache/kafka:4.2.1";
    private static final int KAFKA_PORT = 9092;

    private final String bootstrapServers;
    private final RestartableContainer container;

    private KafkaContainerBroker(KafkaContainer container) {
        this.bootstrapServers = container.getBootstrapServers();
        this.container = new RestartableContainer(container, this::awaitServing);
    }

    static KafkaContainerBroker startContainer() {
        KafkaContainer container = new KafkaContainer(IMAGE)
                .withEnv("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false")
                .withEnv("KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS", "0")
                .withEnv("KAFKA_TRANSACTION_STATE_LOG_NUM_PARTITIONS", "1")
                .withEnv("KAFKA_NUM_NETWORK_THREADS", "2")
                .withEnv("KAFKA_NUM_IO_THREADS", "2")
                .withEnv("KAFKA_HEAP_OPTS", "-Xmx384m")
                // Testcontainers waits 60 s for the broker's RUNNING line by default. On 2 cores shared with a compose
                // stack the broker's JVM wrote its first line 43 s after the container started and missed it, which
                // failed every test of the JVM; a broker that is up sooner is used sooner all the same.
                .withStartupTimeout(Duration.ofMinutes(3));
        RestartableContainer.bindFixedPorts(container, PortBinding.parse(InfrastructurePorts.freePort() + ":" + KAFKA_PORT));
        container.start();
        return new KafkaContainerBroker(container);
    }

    @Override
    public String bootstrapServers() {
        return bootstrapServers;
    }

    @Override
    public void stop() {
        container.stop();
    }

    @Override
    public void start() {
        container.start();
    }

    @Override
    public boolean isRunning() {
        return container.isRunning();
    }

    @Override
    public void close() {
        container.close();
    }

    /** The first start waited for a log line, which the old log already holds; so readiness is asked of the broker. */
    private void awaitServing() {
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 60_000))) {
            admin.describeCluster().nodes().get(60, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Kafka did not come back at " + bootstrapServers, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for Kafka", e);
        }
    }
}
