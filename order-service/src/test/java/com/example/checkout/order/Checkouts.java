package com.example.checkout.order;

import java.util.UUID;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Request bodies and response reading shared by the order service's tests. */
public final class Checkouts {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Checkouts() {
    }

    /** A customer id no other test uses, so a test can count its own rows. */
    public static String newCustomer() {
        return "c-" + UUID.randomUUID();
    }

    /** The example: two bags of SKU-001 paid with an approving token. */
    public static String twoBagsOfBeans(String customerId) {
        return checkout(customerId, "tok_ok", "[{\"sku\":\"SKU-001\",\"quantity\":2}]");
    }

    public static String checkout(String customerId, String paymentToken, String itemsJson) {
        return """
                {"customerId":"%s","email":"ada@example.com","items":%s,"paymentToken":"%s"}"""
                .formatted(customerId, itemsJson, paymentToken);
    }

    public static JsonNode json(String body) {
        return JSON.readTree(body);
    }
}
