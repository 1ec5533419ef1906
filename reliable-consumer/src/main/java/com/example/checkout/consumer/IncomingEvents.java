package com.example.checkout.consumer;

import com.example.checkout.consumer.outage.ConsumerPause;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;

/**
 * The group's listener on the main topic; the retry-topic configuration attaches the same method to the group's
 * retry topics. An exception here is what sends a record to the next retry topic (or to the DLT) — unless it says a
 * dependency is down, which pauses the group instead ({@link ConsumerPause}).
 */
public class IncomingEvents {

    private final IdempotentProcessor processor;
    private final ConsumerMetrics metrics;
    private final ConsumerPause pause;
    private final String topic;

    IncomingEvents(IdempotentProcessor processor, ConsumerMetrics metrics, ConsumerProperties properties,
                   ConsumerPause pause) {
        this.processor = processor;
        this.pause = pause;
        this.metrics = metrics;
        this.topic = properties.topic();
    }

    @KafkaListener(id = "${spring.kafka.consumer.group-id}", groupId = "${spring.kafka.consumer.group-id}",
            topics = "${checkout.consumer.topic:orders}")
    public void onRecord(ConsumerRecord<String, byte[]> record) {
        if (!record.topic().equals(topic)) {
            metrics.retried();
        }
        ReceivedEvent received = ReceivedEvent.of(record);
        try {
            processor.process(received);
        } catch (RuntimeException failure) {
            throw pause.classify(failure); // a dependency outage pauses the group instead of moving the record on
        }
    }
}
