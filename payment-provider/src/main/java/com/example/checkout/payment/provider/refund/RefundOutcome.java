package com.example.checkout.payment.provider.refund;

/**
 * What a {@code POST /v1/refunds} did: {@code created} a refund, or found the one the charge already has;
 * {@code replayed} when that one was made with this same key.
 */
record RefundOutcome(Refund refund, boolean created, boolean replayed) {
}
