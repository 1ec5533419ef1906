package com.example.checkout.payment.provider.refund;

/** The body of {@code POST /v1/refunds}: the charge to refund in full. */
record RefundRequest(String charge) {
}
