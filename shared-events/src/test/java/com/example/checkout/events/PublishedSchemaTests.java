package com.example.checkout.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;
import java.util.Map;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Holds every published event type against the sample released with it (src/test/resources/published-schemas):
 * old payloads must still be readable, and today's writer must still write every field old readers know.
 */
class PublishedSchemaTests {

    private static final JsonMapper PLAIN = JsonMapper.builder().build();

    @Test
    void everyPublishedTypeHasAReleasedSample() {
        for (String type : Map.of(OrderPlaced.TYPE, 1).keySet()) {
            assertThat(released(type)).as("released sample of %s", type).isNotNull();
        }
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
    void todaysOrderPlacedStillWritesEveryFieldOfTheReleasedV1() throws IOException {
        JsonNode releasedJson = PLAIN.readTree(released(OrderPlaced.TYPE));
        OrderPlaced event = (OrderPlaced) EventJson.read(PLAIN.writeValueAsBytes(releasedJson), OrderPlaced.TYPE);

        JsonNode written = PLAIN.readTree(EventJson.write(event));

        assertContainsEveryField(releasedJson, written, "$");
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
