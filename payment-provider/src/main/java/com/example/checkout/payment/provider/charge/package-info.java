/**
 * Charges: {@code POST /v1/charges} captures (or declines) once per idempotency key, and the look-ups a reconciler
 * reads ({@code GET /v1/charges/{id}}, by key, captures by time).
 */
package com.example.checkout.payment.provider.charge;
