/** Refunds: {@code POST /v1/refunds}, a full refund, idempotent on its key and at most one per charge. */
package com.example.checkout.payment.provider.refund;
