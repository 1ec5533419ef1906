/**
 * The payment provider simulator's application class; its API (Stripe-shaped: charges, refunds, balance) lives in
 * the feature sub-packages.
 */
package com.example.checkout.payment.provider;
