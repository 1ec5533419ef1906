package com.example.checkout.payment.provider.refund;

import java.time.Instant;

/** A refund as the API shows it (snake_case on the wire): always the charge's full amount. */
record Refund(String id, String object, String charge, long amount, String currency, String status,
              String idempotencyKey, Instant created) {
}
