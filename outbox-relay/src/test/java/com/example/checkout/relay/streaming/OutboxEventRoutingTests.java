package com.example.checkout.relay.streaming;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.example.checkout.events.EventHeaders;
import com.example.checkout.events.OrderPlaced;
import com.example.checkout.events.Topics;
import com.example.checkout.relay.streaming.OutboxEventRouting.Routed;
import io.debezium.data.Envelope;
import io.debezium.data.Json;
import io.debezium.data.Uuid;
import io.debezium.time.ZonedTimestamp;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

/**
 * The mapping of outbox changes onto Kafka records, on change records shaped like the Postgres connector's
 * (the integration tests prove the same against the real connector).
 */
class OutboxEventRoutingTests {

    private static final Schema ROW = SchemaBuilder.struct().name("orders-db.public.outbox.Value")
            .field("id", Uuid.builder().build())
            .field("aggregate_type", Schema.STRING_SCHEMA)
            .field("aggregate_id", Schema.STRING_SCHEMA)
            .field("event_type", Schema.STRING_SCHEMA)
            .field("payload", Json.builder().build())
            .field("created_at", ZonedTimestamp.builder().build())
            .field("traceparent", Schema.OPTIONAL_STRING_SCHEMA)
            .build();
    private static final Schema SOURCE = SchemaBuilder.struct().name("io.debezium.connector.postgresql.Source")
            .field("connector", Schema.STRING_SCHEMA)
            .field("ts_ms", Schema.INT64_SCHEMA)
            .build();
    private static final Envelope ENVELOPE = Envelope.defineSchema()
            .withName("orders-db.public.outbox.Envelope")
            .withRecord(ROW)
            .withSource(SOURCE)
            .build();

    private final OutboxEventRouting routing = new OutboxEventRouting(new RelaySource(RelaySource.ORDERS,
            new SourceDatabase("db", 5432, "orders", "relay", "secret"), "outbox_relay", "outbox_publication", 1L,
            "outbox-relay.offsets", EventHeaders.ORDER_SERVICE_SOURCE, Set.of(Topics.ORDERS), "outbox-relay",
            "orders-db"));

    @Test
    void anInsertedOutboxRowBecomesAnOrdersRecordWithItsPayloadAndCloudEventsHeaders() {
        // given
        UUID eventId = UUID.randomUUID();
        String orderId = UUID.randomUUID().toString();
        String payload = "{\"orderId\": \"" + orderId + "\", \"totalCents\": 1299}";
        Instant committedAt = Instant.parse("2026-11-23T03:50:00.123Z");
        Struct row = outboxRow(eventId, orderId, payload, "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");

        // when
        Routed.Publish event = (Routed.Publish) routing.route(inserted(row, committedAt));

        // then
        assertThat(event.committedAt()).isEqualTo(committedAt);
        assertThat(event.record().topic()).isEqualTo(Topics.ORDERS);
        assertThat(event.record().key()).isEqualTo(orderId);
        assertThat(event.record().value()).isEqualTo(payload);
        assertThat(headers(event)).containsExactlyInAnyOrderEntriesOf(Map.of(
                EventHeaders.SPEC_VERSION, "1.0",
                EventHeaders.ID, eventId.toString(),
                EventHeaders.TYPE, OrderPlaced.TYPE,
                EventHeaders.SOURCE, EventHeaders.ORDER_SERVICE_SOURCE,
                EventHeaders.TIME, "2026-11-23T03:49:59.987654Z",
                EventHeaders.SUBJECT, orderId,
                EventHeaders.CONTENT_TYPE, "application/json",
                EventHeaders.TRACEPARENT, "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"));
    }

    @Test
    void aRowWithoutTraceContextHasNoTraceparentHeader() {
        // given
        Struct row = outboxRow(UUID.randomUUID(), UUID.randomUUID().toString(), "{}", null);

        // when
        Routed.Publish event = (Routed.Publish) routing.route(inserted(row, Instant.now()));

        // then
        assertThat(event.record().headers().lastHeader(EventHeaders.TRACEPARENT)).isNull();
        assertThat(event.record().headers().lastHeader(EventHeaders.ID)).isNotNull();
    }

    @Test
    void deletedOutboxRowsAndOtherTablesPublishNothing() {
        // given
        Struct row = outboxRow(UUID.randomUUID(), UUID.randomUUID().toString(), "{}", null);
        SourceRecord delete = new SourceRecord(Map.of(), Map.of(), "orders-db.public.outbox", null, null,
                ENVELOPE.schema(), ENVELOPE.delete(row, source(Instant.now()), Instant.now()));
        SourceRecord heartbeatRow = new SourceRecord(Map.of(), Map.of(), "orders-db.public.relay_heartbeat", null,
                null, ENVELOPE.schema(), ENVELOPE.create(row, source(Instant.now()), Instant.now()));
        SourceRecord heartbeat = new SourceRecord(Map.of(), Map.of(), "__debezium-heartbeat.orders-db", null,
                null, Schema.INT64_SCHEMA, 1L);

        // when / then
        assertThat(routing.route(delete)).isEqualTo(Routed.SKIP);
        assertThat(routing.route(heartbeatRow)).isEqualTo(Routed.SKIP);
        assertThat(routing.route(heartbeat)).isEqualTo(Routed.SKIP);
    }

    @Test
    void rowsNoConsumerCouldUseAreParkedWithTheReason() {
        // given
        String orderId = UUID.randomUUID().toString();
        Struct notAnObject = outboxRow(UUID.randomUUID(), orderId, "[1, 2]", null);
        Struct notJson = outboxRow(UUID.randomUUID(), orderId, "{oops", null);
        Struct unknownType = outboxRow(UUID.randomUUID(), orderId, "{}", null).put("event_type", "com.example.Nope.v1");
        Struct noType = outboxRow(UUID.randomUUID(), orderId, "{}", null).put("event_type", " ");
        Struct otherTopic = outboxRow(UUID.randomUUID(), orderId, "{}", null).put("aggregate_type", "payments");

        // when / then
        assertThat(parkReason(notAnObject)).isEqualTo("payload is not a JSON object");
        assertThat(parkReason(notJson)).startsWith("payload is not JSON");
        assertThat(parkReason(unknownType)).contains("unknown event_type 'com.example.Nope.v1'");
        assertThat(parkReason(noType)).isEqualTo("missing event_type (ce_type)");
        assertThat(parkReason(otherTopic)).isEqualTo("topic 'payments' is not one this source may write to [orders]");
    }

    private String parkReason(Struct row) {
        Routed routed = routing.route(inserted(row, Instant.now()));
        assertThat(routed).isInstanceOf(Routed.Park.class);
        assertThat(((Routed.Park) routed).row().id()).isEqualTo(row.getString("id"));
        return ((Routed.Park) routed).reason();
    }

    private static Struct outboxRow(UUID eventId, String orderId, String payload, String traceparent) {
        return new Struct(ROW)
                .put("id", eventId.toString())
                .put("aggregate_type", Topics.ORDERS)
                .put("aggregate_id", orderId)
                .put("event_type", OrderPlaced.TYPE)
                .put("payload", payload)
                .put("created_at", "2026-11-23T03:49:59.987654Z")
                .put("traceparent", traceparent);
    }

    private static SourceRecord inserted(Struct row, Instant committedAt) {
        return new SourceRecord(Map.of("server", "orders-db"), Map.of("lsn", 1L), "orders-db.public.outbox", null,
                null, ENVELOPE.schema(), ENVELOPE.create(row, source(committedAt), Instant.now()));
    }

    private static Struct source(Instant committedAt) {
        return new Struct(SOURCE).put("connector", "postgresql").put("ts_ms", committedAt.toEpochMilli());
    }

    private static Map<String, String> headers(Routed.Publish event) {
        Map<String, String> headers = new HashMap<>();
        for (Header header : event.record().headers()) {
            headers.put(header.key(), new String(header.value(), StandardCharsets.UTF_8));
        }
        return headers;
    }
}
