package com.example.checkout.payment.provider.balance;

/**
 * Captures and refunds so far, counted and summed in minor units (one currency is assumed: the checkout sells in
 * one).
 */
record Balance(long captures, long capturedAmount, long refunds, long refundedAmount) {
}
