package com.example.checkout.order.checkout;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import com.example.checkout.order.checkout.CheckoutService.Placement;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/** Translates HTTP to the checkout use case and back; the rules live in {@link CheckoutService}. */
@RestController
class CheckoutController {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    /** Set on a response that replays an earlier request's, so clients and logs can tell. */
    static final String IDEMPOTENT_REPLAYED = "Idempotent-Replayed";

    private final CheckoutService checkout;

    CheckoutController(CheckoutService checkout) {
        this.checkout = checkout;
    }

    @PostMapping(path = "/checkout", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<OrderConfirmation> checkout(
            @RequestBody CheckoutRequest request,
            @RequestHeader(name = IDEMPOTENCY_KEY, required = false) String idempotencyKey) {
        List<FieldViolation> violations = request.violations();
        if (idempotencyKey != null && !isValidIdempotencyKey(idempotencyKey)) {
            violations = new ArrayList<>(violations);
            violations.add(new FieldViolation(IDEMPOTENCY_KEY, "must be 1 to 255 printable ASCII characters"));
        }
        if (!violations.isEmpty()) {
            throw new InvalidRequestException(violations);
        }
        Placement placement = checkout.placeOrder(request, Optional.ofNullable(idempotencyKey));
        ResponseEntity.BodyBuilder response = ResponseEntity.status(HttpStatus.CREATED)
                .location(URI.create("/orders/" + placement.confirmation().orderId()));
        if (placement.replayed()) {
            response.header(IDEMPOTENT_REPLAYED, "true");
        }
        return response.body(placement.confirmation());
    }

    @GetMapping("/orders/{orderId}")
    OrderView order(@PathVariable UUID orderId) {
        return checkout.order(orderId);
    }

    /** What a client may send; a checkout without a key is claimed under one outside this set. */
    static boolean isValidIdempotencyKey(String key) {
        return !key.isEmpty() && key.length() <= 255 && key.chars().allMatch(c -> c >= 0x20 && c <= 0x7e);
    }
}
