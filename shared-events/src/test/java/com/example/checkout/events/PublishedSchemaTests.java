package com.example.checkout.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Holds every published event type against the sample released with it (src/test/resources/published-schemas):
 * old payloads must still be readable, and today's writer must still write every field old readers know.
 */
class PublishedSchemaTests {

    private static final JsonMapper PLAIN = JsonMapper.builder().build();

    /** Every registered type: a new type without a released sample fails here, not in production. */
    static Stream<String> publishedTypes() {
        return EventTypes.all().stream().sorted();
    }

    @ParameterizedTest
    @MethodSource("publishedTypes")
    void everyPublishedTypeHasAReleasedSample(String type) {
        assertThat(released(type)).as("released sample published-schemas/%s.json", type).isNotNull();
    }

    @ParameterizedTest
    @MethodSource("publishedTypes")
    void theReleasedSampleOfEveryTypeIsStillReadableAsThatType(String type) throws IOException {
        CheckoutEvent event = EventJson.read(released(type).readAllBytes(), type);

        assertThat(event.type()).isEqualTo(type);
        assertThat(event.subject()).isEqualTo("0b8e5c53-1c55-4c9a-9d2e-6f1b3a5f8a10");
    }

    @ParameterizedTest
    @MethodSource("publishedTypes")
    void todaysWriterStillWritesEveryFieldOfTheReleasedSample(String type) throws IOException {
        JsonNode releasedJson = PLAIN.readTree(released(type));
        CheckoutEvent event = EventJson.read(PLAIN.writeValueAsBytes(releasedJson), type);

        JsonNode written = PLAIN.readTree(EventJson.write(event));

        assertContainsEveryField(releasedJson, written, "$");
    }

    @Test
    void theReleasedCancellationTellsTheReasonAndTheRefund() throws IOException {
        OrderCancelled event = (OrderCancelled) EventJson.read(released(OrderCancelled.TYPE).readAllBytes(),
                OrderCancelled.TYPE);

        assertThat(event.reason()).contains("SKU-001");
        assertThat(event.refundReference()).isEqualTo("re_4f1c2d9a");
        assertThat(event.refundedCents()).isEqualTo(event.totalCents());
    }

    @Test
    void theReleasedRejectionHasAReasonPerLine() throws IOException {
        StockReservationRejected event = (StockReservationRejected) EventJson.read(
                released(StockReservationRejected.TYPE).readAllBytes(), StockReservationRejected.TYPE);

        assertThat(event.lines()).extracting(StockReservationRejected.RejectedLine::reason).allMatch(r -> !r.isBlank());
        assertThat(event.reason()).startsWith("only 1 of SKU-001 available");
    }

    @Test
    void theReleasedOrderPlacedV1IsStillReadable() throws IOException {
        OrderPlaced event = (OrderPlaced) EventJson.read(released(OrderPlaced.TYPE).readAllBytes(), OrderPlaced.TYPE);

        assertThat(event.customerId()).isEqualTo("c-42");
        assertThat(event.lines()).singleElement().satisfies(line -> {
            assertThat(line.sku()).isEqualTo("SKU-001");
            assertThat(line.lineTotalCents()).isEqualTo(2500);
        });
        assertThat(event.placedAt()).hasToString("2026-11-22T10:15:30.123Z");
    }

    @Test
    void aReaderIgnoresFieldsAddedByANewerWriter() {
        String newer = """
                {"orderId":"0b8e5c53-1c55-4c9a-9d2e-6f1b3a5f8a10","customerId":"c-1","email":"a@b.c",
                 "lines":[{"sku":"SKU-002","name":"x","quantity":1,"unitPriceCents":10,"giftWrap":true}],
                 "totalCents":10,"currency":"EUR","placedAt":"2026-11-22T10:15:30Z","loyaltyTier":"gold"}""";

        assertThat(EventJson.read(newer, OrderPlaced.class).totalCents()).isEqualTo(10);
    }

    private static void assertContainsEveryField(JsonNode released, JsonNode written, String path) {
        if (released.isObject()) {
            for (Iterator<String> names = released.propertyNames().iterator(); names.hasNext(); ) {
                String name = names.next();
                assertThat(written.has(name)).as("field %s.%s is still written", path, name).isTrue();
                assertContainsEveryField(released.get(name), written.get(name), path + "." + name);
            }
        } else if (released.isArray() && !released.isEmpty()) {
            assertContainsEveryField(released.get(0), written.get(0), path + "[0]");
        }
    }

    private static InputStream released(String type) {
        return PublishedSchemaTests.class.getResourceAsStream("/published-schemas/" + type + ".json");
    }
}
