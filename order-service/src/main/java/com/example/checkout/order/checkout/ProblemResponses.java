package com.example.checkout.order.checkout;

import java.util.List;
import java.util.UUID;

import com.example.checkout.order.catalog.UnknownSkuException;
import com.example.checkout.order.idempotency.CheckoutAbandonedException;
import com.example.checkout.order.idempotency.IdempotencyKeyReusedException;
import com.example.checkout.order.idempotency.RequestInFlightException;
import com.example.checkout.order.payment.PaymentDeclinedException;
import com.example.checkout.order.payment.PaymentProviderUnavailableException;
import com.example.checkout.order.web.BodyTooLargeException;
import com.example.checkout.order.web.Problems;
import com.example.checkout.order.web.WebProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.util.unit.DataSize;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Every failure of the order API as RFC 9457 {@code application/problem+json}: domain failures by type, Spring
 * MVC's own (405, 415, ...) through {@link ResponseEntityExceptionHandler}. Bodies name the field at fault and
 * never carry exception messages, class names or SQL; an unexpected failure gets a correlation id that is also in
 * the log line.
 */
@RestControllerAdvice
class ProblemResponses extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemResponses.class);
    private static final String ERRORS = "errors";

    private final DataSize maxBodySize;

    ProblemResponses(WebProperties web) {
        this.maxBodySize = web.maxBodySize();
    }

    @ExceptionHandler
    ProblemDetail invalidRequest(InvalidRequestException e) {
        return invalid(e.violations());
    }

    @ExceptionHandler
    ProblemDetail unknownSku(UnknownSkuException e) {
        ProblemDetail problem = problem(HttpStatus.UNPROCESSABLE_CONTENT, "unknown-sku", "Unknown SKU",
                "The catalog has no product " + String.join(", ", e.skus()) + ".");
        problem.setProperty("skus", e.skus());
        return problem;
    }

    @ExceptionHandler
    ProblemDetail paymentDeclined(PaymentDeclinedException e) {
        return problem(HttpStatus.PAYMENT_REQUIRED, "payment-declined", "Payment declined",
                "The payment was declined; no order was placed.");
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> paymentProviderUnavailable(PaymentProviderUnavailableException e) {
        // Logged without the stack: the provider's trouble, not ours; the client is told to come back.
        log.warn("Checkout answered 503: {}", e.getMessage());
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "1")
                .body(problem(HttpStatus.SERVICE_UNAVAILABLE, "payment-provider-unavailable",
                        "Payment provider unavailable", "The payment could not be taken now; no order was placed. "
                                + "Retry with the same Idempotency-Key."));
    }

    @ExceptionHandler
    ProblemDetail checkoutAbandoned(CheckoutAbandonedException e) {
        return problem(HttpStatus.CONFLICT, "checkout-abandoned", "Checkout abandoned",
                "The checkout with this Idempotency-Key was given up and its payment refunded; no order was placed. "
                        + "Send it again with a new Idempotency-Key.");
    }

    @ExceptionHandler
    ProblemDetail orderNotFound(OrderNotFoundException e) {
        return problem(HttpStatus.NOT_FOUND, "order-not-found", "Order not found", "There is no such order.");
    }

    @ExceptionHandler
    ProblemDetail idempotencyKeyReused(IdempotencyKeyReusedException e) {
        return problem(HttpStatus.UNPROCESSABLE_CONTENT, "idempotency-key-reused", "Idempotency-Key reused",
                "This Idempotency-Key was already used with a different request body.");
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> requestInFlight(RequestInFlightException e) {
        return ResponseEntity.status(HttpStatus.CONFLICT).header(HttpHeaders.RETRY_AFTER, "1")
                .body(problem(HttpStatus.CONFLICT, "request-in-flight", "Request in flight",
                        "A request with this Idempotency-Key is still being processed; retry to get its response."));
    }

    @ExceptionHandler
    ProblemDetail unexpected(Exception e) {
        String correlationId = UUID.randomUUID().toString();
        log.error("Unexpected failure, correlationId={}", correlationId, e);
        ProblemDetail problem = problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error", "Internal error",
                "Something went wrong on our side. Quote the correlation id when you report it.");
        problem.setProperty("correlationId", correlationId);
        return problem;
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        if (causedBy(e, BodyTooLargeException.class)) {
            return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).body(Problems.bodyTooLarge(maxBodySize));
        }
        return ResponseEntity.badRequest().body(invalid(List.of(unreadable(e))));
    }

    @Override
    protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException e, HttpHeaders headers,
                                                        HttpStatusCode status, WebRequest request) {
        String field = e instanceof MethodArgumentTypeMismatchException mismatch ? mismatch.getName()
                : String.valueOf(e.getPropertyName());
        String expected = UUID.class.equals(e.getRequiredType()) ? "a UUID" : "a valid value";
        return ResponseEntity.badRequest().body(invalid(List.of(new FieldViolation(field, "must be " + expected))));
    }

    /** What to tell the client about a body the JSON reader refused, in our words, not the parser's. */
    private static FieldViolation unreadable(HttpMessageNotReadableException e) {
        JacksonException jackson = cause(e, JacksonException.class);
        if (jackson == null) {
            return new FieldViolation("body", "must be a JSON object");
        }
        String field = path(jackson);
        if (jackson instanceof StreamConstraintsException) {
            return new FieldViolation("body", "exceeds the JSON limits (nesting depth, number or string length)");
        }
        if (jackson instanceof InputCoercionException) {
            return new FieldViolation(field.isEmpty() ? "body" : field, "number out of range");
        }
        if (jackson instanceof StreamReadException) {
            return new FieldViolation("body", "is not well-formed JSON");
        }
        if (jackson instanceof UnrecognizedPropertyException) {
            return new FieldViolation(field, "is not a field of this request");
        }
        return new FieldViolation(field.isEmpty() ? "body" : field, field.isEmpty()
                ? "must be a JSON object" : "has the wrong type or value");
    }

    /** The JSON path of the failure, like {@code items[0].quantity}. */
    private static String path(JacksonException e) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference reference : e.getPath()) {
            if (reference.getPropertyName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static ProblemDetail invalid(List<FieldViolation> violations) {
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request",
                "The request is invalid; see errors.");
        problem.setProperty(ERRORS, violations);
        return problem;
    }

    private static ProblemDetail problem(HttpStatus status, String type, String title, String detail) {
        return Problems.of(status, type, title, detail);
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        return cause(e, type) != null;
    }

    private static <T extends Throwable> T cause(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
