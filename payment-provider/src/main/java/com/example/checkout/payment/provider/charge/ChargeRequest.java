package com.example.checkout.payment.provider.charge;

import java.util.Map;
import java.util.Objects;

import com.example.checkout.payment.provider.web.ApiError;

/** The body of {@code POST /v1/charges}; amount in minor units (cents). */
record ChargeRequest(Long amount, String currency, String source, String description, Map<String, String> metadata) {

    /** Stripe's own upper bound for an amount in minor units. */
    private static final long MAX_AMOUNT = 99_999_999;

    /** This request, checked and normalised (currency upper case, metadata never null), or a 400 naming the field. */
    ChargeRequest validated() {
        if (amount == null || amount <= 0) {
            throw ApiError.invalidRequest("amount", "Amount must be a positive integer in minor units.");
        }
        if (amount > MAX_AMOUNT) {
            throw ApiError.invalidRequest("amount", "Amount must be at most " + MAX_AMOUNT + ".");
        }
        if (currency == null || !currency.matches("[A-Za-z]{3}")) {
            throw ApiError.invalidRequest("currency", "Currency must be a three-letter ISO code.");
        }
        if (source == null || source.isBlank()) {
            throw ApiError.invalidRequest("source", "Missing required param: source.");
        }
        if (metadata != null && metadata.values().stream().anyMatch(Objects::isNull)) {
            throw ApiError.invalidRequest("metadata", "Metadata values must be strings.");
        }
        return new ChargeRequest(amount, currency.toUpperCase(), source, description,
                metadata == null ? Map.of() : Map.copyOf(metadata));
    }

    /** Whether {@code charge}, made from a request with {@code chargedSource}, was made from this same request. */
    boolean sameAs(Charge charge, String chargedSource) {
        return amount == charge.amount() && currency.equals(charge.currency()) && source.equals(chargedSource)
                && Objects.equals(description, charge.description()) && metadata.equals(charge.metadata());
    }
}
