package com.example.checkout.payment.provider.charge;

import java.util.Map;

import com.example.checkout.payment.provider.web.ApiError;
import com.example.checkout.payment.provider.web.IdempotencyKeyHeader;
import org.springframework.http.HttpStatus;

/** 402 {@code card_error}/{@code card_declined}, naming the declined charge, which is stored (and replayed). */
class CardDeclined extends ApiError {

    private final String charge;

    CardDeclined(Charge declined, boolean replayed) {
        super(HttpStatus.PAYMENT_REQUIRED, "card_error", declined.failureCode(), null, "Your card was declined.",
                replayed ? Map.of(IdempotencyKeyHeader.REPLAYED, "true") : Map.of());
        this.charge = declined.id();
    }

    @Override
    public String charge() {
        return charge;
    }
}
