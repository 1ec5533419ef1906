/**
 * Charging the shopper: the payment provider port, its HTTP adapter (the provider is a remote service: the
 * payment-provider simulator locally, a real provider in production), its typed configuration and the record of each
 * payment.
 */
package com.example.checkout.order.payment;
