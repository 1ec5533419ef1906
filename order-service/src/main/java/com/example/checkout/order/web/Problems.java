package com.example.checkout.order.web;

import java.net.URI;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.util.unit.DataSize;

/**
 * The RFC 9457 problems this service defines. Plain HTTP failures (404 of an unknown path, 405, 415) keep Spring's
 * {@code about:blank} type, which RFC 9457 reserves for "nothing more to say than the status".
 */
public final class Problems {

    private static final String TYPES = "https://checkout.example.com/problems/";

    private Problems() {
    }

    /** A problem of type {@code https://checkout.example.com/problems/<type>}. */
    public static ProblemDetail of(HttpStatus status, String type, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(TYPES + type));
        problem.setTitle(title);
        return problem;
    }

    /** The same 413 whether the limit was seen in Content-Length or while reading a chunked body. */
    public static ProblemDetail bodyTooLarge(DataSize limit) {
        return of(HttpStatus.CONTENT_TOO_LARGE, "body-too-large", "Request body too large",
                "The request body is larger than " + limit.toKilobytes() + " KiB.");
    }

    /** The checkout is at its limit: come back after Retry-After, with the same Idempotency-Key. */
    public static ProblemDetail overloaded() {
        return of(HttpStatus.SERVICE_UNAVAILABLE, "overloaded", "Too many checkouts in progress",
                "The checkout is at capacity; nothing was placed or charged. Retry after the Retry-After seconds "
                        + "with the same Idempotency-Key.");
    }
}
