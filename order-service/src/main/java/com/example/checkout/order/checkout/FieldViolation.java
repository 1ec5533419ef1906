package com.example.checkout.order.checkout;

/** One thing wrong with a request: the field at fault (a JSON path like {@code items[0].quantity}) and why. */
public record FieldViolation(String field, String message) {
}
