package com.example.checkout.consumer.tracing;

import io.micrometer.common.KeyValues;
import org.springframework.kafka.support.micrometer.KafkaRecordSenderContext;
import org.springframework.kafka.support.micrometer.KafkaTemplateObservationConvention;

import static com.example.checkout.consumer.tracing.MessagingAttributes.DESTINATION;
import static com.example.checkout.consumer.tracing.MessagingAttributes.KAFKA;
import static com.example.checkout.consumer.tracing.MessagingAttributes.MESSAGE_ID;
import static com.example.checkout.consumer.tracing.MessagingAttributes.MESSAGE_KEY;
import static com.example.checkout.consumer.tracing.MessagingAttributes.OPERATION_NAME;
import static com.example.checkout.consumer.tracing.MessagingAttributes.OPERATION_TYPE;
import static com.example.checkout.consumer.tracing.MessagingAttributes.SYSTEM;
import static com.example.checkout.consumer.tracing.MessagingAttributes.orUnknown;

/**
 * The span of a record forwarded to the group's next retry topic or its DLT, {@code send <topic>}: a child of the
 * failed attempt's process span, whose context it writes into the forwarded record's {@code traceparent} (replacing
 * the one it had), so every attempt of one record, and its DLT entry, stay in the checkout's trace.
 */
public class SendObservationConvention implements KafkaTemplateObservationConvention {

    @Override
    public String getContextualName(KafkaRecordSenderContext context) {
        return "send " + context.getDestination();
    }

    @Override
    public KeyValues getLowCardinalityKeyValues(KafkaRecordSenderContext context) {
        return KeyValues.of(
                SYSTEM, KAFKA,
                OPERATION_NAME, "send",
                OPERATION_TYPE, "send",
                DESTINATION, context.getDestination());
    }

    @Override
    public KeyValues getHighCardinalityKeyValues(KafkaRecordSenderContext context) {
        return KeyValues.of(
                MESSAGE_ID, MessagingAttributes.messageId(context.getRecord().headers()),
                MESSAGE_KEY, orUnknown(context.getRecord().key()));
    }
}
