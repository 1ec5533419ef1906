package com.example.checkout.consumer.tracing;

import io.micrometer.common.KeyValues;
import org.springframework.kafka.support.micrometer.KafkaListenerObservationConvention;
import org.springframework.kafka.support.micrometer.KafkaRecordReceiverContext;

import static com.example.checkout.consumer.tracing.MessagingAttributes.CONSUMER_GROUP;
import static com.example.checkout.consumer.tracing.MessagingAttributes.DESTINATION;
import static com.example.checkout.consumer.tracing.MessagingAttributes.KAFKA;
import static com.example.checkout.consumer.tracing.MessagingAttributes.MESSAGE_ID;
import static com.example.checkout.consumer.tracing.MessagingAttributes.MESSAGE_KEY;
import static com.example.checkout.consumer.tracing.MessagingAttributes.OFFSET;
import static com.example.checkout.consumer.tracing.MessagingAttributes.OPERATION_NAME;
import static com.example.checkout.consumer.tracing.MessagingAttributes.OPERATION_TYPE;
import static com.example.checkout.consumer.tracing.MessagingAttributes.PARTITION;
import static com.example.checkout.consumer.tracing.MessagingAttributes.SYSTEM;
import static com.example.checkout.consumer.tracing.MessagingAttributes.orUnknown;

/**
 * The listener's span per record, {@code process <topic>}, with the current messaging conventions' attributes
 * (spring-kafka's default still uses the older {@code messaging.source.name}, {@code messaging.kafka.consumer.group}
 * and names the span {@code <topic> process}). The low-cardinality ones also tag the {@code spring.kafka.listener}
 * timer: processing latency per group and topic.
 */
public class ProcessObservationConvention implements KafkaListenerObservationConvention {

    @Override
    public String getContextualName(KafkaRecordReceiverContext context) {
        return "process " + context.getSource();
    }

    @Override
    public KeyValues getLowCardinalityKeyValues(KafkaRecordReceiverContext context) {
        return KeyValues.of(
                SYSTEM, KAFKA,
                OPERATION_NAME, "process",
                OPERATION_TYPE, "process",
                DESTINATION, context.getSource(),
                CONSUMER_GROUP, orUnknown(context.getGroupId()),
                "spring.kafka.listener.id", context.getListenerId());
    }

    @Override
    public KeyValues getHighCardinalityKeyValues(KafkaRecordReceiverContext context) {
        return KeyValues.of(
                PARTITION, context.getPartition(),
                OFFSET, context.getOffset(),
                MESSAGE_ID, MessagingAttributes.messageId(context.getRecord().headers()),
                MESSAGE_KEY, orUnknown(context.getRecord().key()));
    }
}
