package com.example.checkout.order.checkout;

import java.util.List;

/** The request is malformed or breaks a rule of the API; answered {@code 400} with every violation found. */
class InvalidRequestException extends RuntimeException {

    private final List<FieldViolation> violations;

    InvalidRequestException(List<FieldViolation> violations) {
        super("invalid request: " + violations);
        this.violations = List.copyOf(violations);
    }

    InvalidRequestException(String field, String message) {
        this(List.of(new FieldViolation(field, message)));
    }

    List<FieldViolation> violations() {
        return violations;
    }
}
