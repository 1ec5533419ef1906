/**
 * Idempotency-Key support and the state of each checkout attempt with a key, after Brandur Leach's "Implementing
 * Stripe-like idempotency keys in Postgres" (recovery points, locked_at, takeover).
 *
 * <pre>
 *              claim (own tx)                     charge (no tx)          order tx: order, lines, payment,
 *   (none) ─────────────────────► CLAIMED ──────────────────────────────► outbox + key ──────────► FINISHED
 *                                 │  ▲ │                                                         (response replayed)
 *         declined / 503 /        │  │ │ read timeout, crash, commit unknown:
 *         not connected: release  │  │ │ stays CLAIMED (locked_at ages)
 *         (row deleted) ◄─────────┘  │ ▼
 *                                    │ retry, same key + body, locked_at older than takeover-after:
 *                                    └─ take over (new attempt_id, locked_at = now), charge again with the same
 *                                       provider key (the provider replays its charge), write the order
 *
 *   CLAIMED ──► ABANDONED: the order tx's statements failed (the capture is refunded at once; a database that was
 *               unreachable or busy is not that: the claim stays for the retry), or the reconciler found the
 *               capture without an order and the claim untouched for the grace period (refunds it), or a resumed
 *               attempt's replayed charge was refunded already. A request with an ABANDONED key gets 409.
 * </pre>
 *
 * A claim younger than takeover-after answers a concurrent request 409 (in flight, Retry-After). Only the attempt
 * holding the claim ({@code attempt_id}) may finish it, so a slow original that wakes after a takeover writes nothing.
 * Without an Idempotency-Key there is no claim: every request is a checkout of its own, charged with a fresh key,
 * and only the reconciler ends a capture whose order was not written.
 */
package com.example.checkout.order.idempotency;
