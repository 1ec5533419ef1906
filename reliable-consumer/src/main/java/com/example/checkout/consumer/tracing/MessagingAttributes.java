package com.example.checkout.consumer.tracing;

import java.nio.charset.StandardCharsets;

import com.example.checkout.events.EventHeaders;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.jspecify.annotations.Nullable;

/** The OpenTelemetry messaging semantic conventions' attribute names the consumers' spans carry. */
final class MessagingAttributes {

    static final String SYSTEM = "messaging.system";
    static final String OPERATION_NAME = "messaging.operation.name";
    static final String OPERATION_TYPE = "messaging.operation.type";
    static final String DESTINATION = "messaging.destination.name";
    static final String CONSUMER_GROUP = "messaging.consumer.group.name";
    static final String PARTITION = "messaging.destination.partition.id";
    static final String OFFSET = "messaging.kafka.offset";
    static final String MESSAGE_ID = "messaging.message.id";
    static final String MESSAGE_KEY = "messaging.kafka.message.key";
    static final String KAFKA = "kafka";

    private MessagingAttributes() {
    }

    /** The event id ({@code ce_id}), the message id of the conventions; "unknown" for a record without one. */
    static String messageId(Headers headers) {
        Header id = headers.lastHeader(EventHeaders.ID);
        return id == null || id.value() == null ? "unknown" : new String(id.value(), StandardCharsets.UTF_8);
    }

    static String orUnknown(@Nullable Object value) {
        return value == null ? "unknown" : value.toString();
    }
}
