package com.example.checkout.consumer;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;

/**
 * The group's listener on the main topic; the retry-topic configuration attaches the same method to the group's
 * retry topics. An exception here is what sends a record to the next retry topic (or to the DLT).
 */
public class IncomingEvents {

    private final IdempotentProcessor processor;
    private final ConsumerMetrics metrics;
    private final String topic;

    IncomingEvents(IdempotentProcessor processor, ConsumerMetrics metrics, ConsumerProperties properties) {
        this.processor = processor;
        this.metrics = metrics;
        this.topic = properties.topic();
    }

    @KafkaListener(id = "${spring.kafka.consumer.group-id}", groupId = "${spring.kafka.consumer.group-id}",
            topics = "${checkout.consumer.topic:orders}")
    public void onRecord(ConsumerRecord<String, byte[]> record) {
        if (!record.topic().equals(topic)) {
            metrics.retried();
        }
        processor.process(ReceivedEvent.of(record));
    }
}
