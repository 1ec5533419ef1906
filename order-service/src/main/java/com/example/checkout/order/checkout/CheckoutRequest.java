package com.example.checkout.order.checkout;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The body of {@code POST /checkout}. Fields are nullable wrappers so that a missing field is reported as missing
 * by {@link #violations()} instead of silently becoming {@code 0}; unknown fields are rejected by the JSON reader.
 */
record CheckoutRequest(String customerId, String email, List<Item> items, String paymentToken) {

    static final int MAX_LINES = 50;
    static final int MAX_QUANTITY = 100;
    static final int MAX_ID_LENGTH = 100;
    static final int MAX_EMAIL_LENGTH = 254;
    static final int MAX_SKU_LENGTH = 64;
    static final int MAX_TOKEN_LENGTH = 255;

    // Deliberately simple: one @, no whitespace, a dot in the domain. Deliverability is the mail server's call.
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    record Item(String sku, Integer quantity) {
    }

    /** Everything wrong with this request; empty when it is valid. */
    List<FieldViolation> violations() {
        List<FieldViolation> violations = new ArrayList<>();
        text(violations, "customerId", customerId, MAX_ID_LENGTH);
        if (text(violations, "email", email, MAX_EMAIL_LENGTH) && !EMAIL.matcher(email).matches()) {
            violations.add(new FieldViolation("email", "must be an email address"));
        }
        text(violations, "paymentToken", paymentToken, MAX_TOKEN_LENGTH);
        if (items == null) {
            violations.add(new FieldViolation("items", "must not be missing"));
        } else if (items.isEmpty()) {
            violations.add(new FieldViolation("items", "must contain at least one item"));
        } else if (items.size() > MAX_LINES) {
            violations.add(new FieldViolation("items", "must contain at most " + MAX_LINES + " items"));
        } else {
            Set<String> skus = new HashSet<>();
            for (int i = 0; i < items.size(); i++) {
                Item item = items.get(i);
                String path = "items[" + i + "]";
                if (item == null) {
                    violations.add(new FieldViolation(path, "must not be null"));
                    continue;
                }
                if (text(violations, path + ".sku", item.sku(), MAX_SKU_LENGTH) && !skus.add(item.sku())) {
                    violations.add(new FieldViolation(path + ".sku", "duplicate SKU " + item.sku()
                            + ": order it once with the total quantity"));
                }
                if (item.quantity() == null) {
                    violations.add(new FieldViolation(path + ".quantity", "must not be missing"));
                } else if (item.quantity() < 1 || item.quantity() > MAX_QUANTITY) {
                    violations.add(new FieldViolation(path + ".quantity", "must be between 1 and " + MAX_QUANTITY));
                }
            }
        }
        return violations;
    }

    /** Checks a required text field; returns whether it is present and within bounds. */
    private static boolean text(List<FieldViolation> violations, String field, String value, int maxLength) {
        if (value == null) {
            violations.add(new FieldViolation(field, "must not be missing"));
        } else if (value.isBlank()) {
            violations.add(new FieldViolation(field, "must not be blank"));
        } else if (value.length() > maxLength) {
            violations.add(new FieldViolation(field, "must be at most " + maxLength + " characters"));
        } else if (value.codePoints().anyMatch(CheckoutRequest::isUnprintable)) {
            violations.add(new FieldViolation(field, "must not contain control characters or broken Unicode"));
        } else {
            return true;
        }
        return false;
    }

    /** Control characters (Postgres rejects NUL in text) and lone surrogates (not encodable as UTF-8). */
    private static boolean isUnprintable(int codePoint) {
        return Character.isISOControl(codePoint) || Character.getType(codePoint) == Character.SURROGATE;
    }
}
