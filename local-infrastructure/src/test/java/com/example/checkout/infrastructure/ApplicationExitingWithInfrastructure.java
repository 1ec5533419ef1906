package com.example.checkout.infrastructure;

import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * A JVM that exits while an application runs on its embedded infrastructure. The application closes in a shutdown
 * hook named like Spring's, joining a consumer group first as a listener container would, and reports whether Kafka
 * and Postgres were still up when it had finished.
 *
 * <p>What it prints is the child's answer to {@code EmbeddedInfrastructureIntegrationTests}, which asserts each
 * line: the {@link #REPORT} line must say {@code kafka=true postgres=true}, and the {@code data=} directory must be
 * gone afterwards.
 */
final class ApplicationExitingWithInfrastructure {

    static final String REPORT = "after application shutdown: ";

    private ApplicationExitingWithInfrastructure() {
    }

    public static void main(String[] args) {
        EmbeddedInfrastructure infrastructure = EmbeddedInfrastructure.start(InfrastructurePorts.random());
        infrastructure.kafka().createTopic("exiting", 1);
        System.out.println("data=" + infrastructure.dataDirectory());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            closeAConsumer(infrastructure.kafka());
            System.out.println(REPORT + "kafka=" + infrastructure.kafka().isRunning()
                    + " postgres=" + isUp(infrastructure.postgres()));
            System.out.flush();
        }, "SpringContextShutdownHook"));
        System.exit(0);
    }

    private static void closeAConsumer(KafkaBroker kafka) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "exiting",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class))) {
            consumer.subscribe(List.of("exiting"));
            for (int polls = 0; polls < 50 && consumer.assignment().isEmpty(); polls++) {
                consumer.poll(Duration.ofMillis(100));
            }
        }
    }

    private static boolean isUp(PostgresServer postgres) {
        try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl("orders"), postgres.username(), postgres.password())) {
            return connection.isValid(5);
        } catch (Exception e) {
            return false;
        }
    }
}
