/**
 * Reconciliation against the payment provider's ledger: captures that no order owns are refunded, once each, by a
 * scheduled job (and at once by a checkout that knows its order was not written).
 */
package com.example.checkout.order.reconciliation;
