package com.example.checkout.consumer;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;

import com.example.checkout.events.OrderPlaced.OrderLine;
import com.example.checkout.events.OrderPlaced;
import com.example.checkout.events.Topics;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Produces {@code OrderPlaced} records exactly as the relay does (key = order id, value = the event JSON, the
 * CloudEvents {@code ce_*} headers and {@code traceparent}), so consumer tests need neither the order service nor
 * the relay; and produces raw records for poison cases.
 */
public final class OrderPlacedRecords {

    private OrderPlacedRecords() {
    }

    public static OrderPlaced orderPlaced(String email, OrderLine... lines) {
        long total = List.of(lines).stream().mapToLong(line -> line.quantity() * line.unitPriceCents()).sum();
        return new OrderPlaced(UUID.randomUUID(), "c-42", email, List.of(lines), total, "EUR",
                Instant.now().truncatedTo(ChronoUnit.MICROS));
    }

    /** Produces the event under a new event id and returns that id. */
    public static UUID produce(String bootstrapServers, OrderPlaced event) {
        UUID eventId = UUID.randomUUID();
        produce(bootstrapServers, event, eventId);
        return eventId;
    }

    /** Produces the event under the given event id: call twice with one id to deliver a duplicate. */
    public static void produce(String bootstrapServers, OrderPlaced event, UUID eventId) {
        EventRecords.produce(bootstrapServers, Topics.ORDERS, event, eventId);
    }

    /** Any bytes under any headers: a poison record, a record of an unknown type. */
    public static void produceRaw(String bootstrapServers, String key, byte[] value, Map<String, String> headers) {
        produceRaw(bootstrapServers, Topics.ORDERS, key, value, headers);
    }

    /** Any bytes under any headers on any topic. */
    public static void produceRaw(String bootstrapServers, String topic, String key, byte[] value,
                                  Map<String, String> headers) {
        produceRaw(bootstrapServers, topic, null, key, value, headers);
    }

    /** Any bytes under any headers on one partition of any topic (null: by the key). */
    public static void produceRaw(String bootstrapServers, String topic, Integer partition, String key, byte[] value,
                                  Map<String, String> headers) {
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all");
        try (var producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
            var record = new ProducerRecord<>(topic, partition, key, value);
            headers.forEach((name, text) -> record.headers().add(name, text.getBytes(StandardCharsets.UTF_8)));
            producer.send(record).get();
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(interrupted);
        } catch (ExecutionException failed) {
            throw new IllegalStateException("could not produce to " + topic, failed.getCause());
        }
    }
}
