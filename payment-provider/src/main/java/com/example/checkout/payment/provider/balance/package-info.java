/** The ledger's totals ({@code GET /v1/balance}): what tests and the demo count captures and refunds on. */
package com.example.checkout.payment.provider.balance;
