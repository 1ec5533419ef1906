/**
 * The HTTP conventions every feature shares, as a third party answers them: Stripe-shaped JSON errors
 * ({@code {"error":{"type":...}}}) and the {@code Idempotency-Key} header.
 */
package com.example.checkout.payment.provider.web;
