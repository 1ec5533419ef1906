package com.example.checkout.events;

/**
 * Kafka header names: the CloudEvents Kafka protocol binding in binary mode (attributes as {@code ce_*} headers,
 * the event itself as the record value) plus the W3C trace context.
 *
 * @see <a href="https://github.com/cloudevents/spec/blob/v1.0.2/cloudevents/bindings/kafka-protocol-binding.md">CloudEvents Kafka binding</a>
 */
public final class EventHeaders {

    public static final String SPEC_VERSION = "ce_specversion";
    /** The outbox row id: unique per event, the key every consumer deduplicates on. */
    public static final String ID = "ce_id";
    public static final String TYPE = "ce_type";
    public static final String SOURCE = "ce_source";
    public static final String TIME = "ce_time";
    public static final String SUBJECT = "ce_subject";
    public static final String CONTENT_TYPE = "content-type";
    public static final String TRACEPARENT = "traceparent";

    public static final String SPEC_VERSION_VALUE = "1.0";
    public static final String JSON = "application/json";
    /** The {@code ce_source} of everything the order service publishes. */
    public static final String ORDER_SERVICE_SOURCE = "/checkout/order-service";
    /** The {@code ce_source} of everything the inventory service publishes. */
    public static final String INVENTORY_SERVICE_SOURCE = "/checkout/inventory-service";

    private EventHeaders() {
    }
}
