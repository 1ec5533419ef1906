package com.example.checkout.payment.provider.web;

import java.util.Map;

import org.springframework.http.HttpStatus;

/**
 * A failure the provider answers with a Stripe-shaped error body; thrown by the features, rendered by
 * {@link ApiErrorAdvice}. {@code type} is Stripe's error type ({@code invalid_request_error}, {@code card_error},
 * {@code idempotency_error}, {@code api_error}); {@code code} and {@code param} are optional.
 */
public class ApiError extends RuntimeException {

    private final HttpStatus status;
    private final String type;
    private final String code;
    private final String param;
    private final Map<String, String> headers;

    protected ApiError(HttpStatus status, String type, String code, String param, String message,
                       Map<String, String> headers) {
        super(message);
        this.status = status;
        this.type = type;
        this.code = code;
        this.param = param;
        this.headers = Map.copyOf(headers);
    }

    /** 400: the request is malformed; {@code param} names the field at fault, or is null. */
    public static ApiError invalidRequest(String param, String message) {
        return new ApiError(HttpStatus.BAD_REQUEST, "invalid_request_error", null, param, message, Map.of());
    }

    /** 404: the charge (or other object) named in the request does not exist. */
    public static ApiError noSuch(String param, String message) {
        return new ApiError(HttpStatus.NOT_FOUND, "invalid_request_error", "resource_missing", param, message, Map.of());
    }

    /** 422: an idempotency key reused with another request. */
    public static ApiError idempotencyMismatch(String message) {
        return new ApiError(HttpStatus.UNPROCESSABLE_CONTENT, "idempotency_error", null, null, message, Map.of());
    }

    /** 503 with {@code Retry-After: 1}: the provider cannot take the request now; nothing was stored. */
    public static ApiError unavailable(String message) {
        return new ApiError(HttpStatus.SERVICE_UNAVAILABLE, "api_error", null, null, message, Map.of("Retry-After", "1"));
    }

    public HttpStatus status() {
        return status;
    }

    public String type() {
        return type;
    }

    public String code() {
        return code;
    }

    public String param() {
        return param;
    }

    /** The charge the error is about (a declined card's charge), or null. */
    public String charge() {
        return null;
    }

    /** Response headers that go with the error (e.g. {@code Retry-After}, {@code Idempotent-Replayed}). */
    public Map<String, String> headers() {
        return headers;
    }
}
