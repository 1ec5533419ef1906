/**
 * Idempotency-Key support and the state of each checkout attempt, after Brandur Leach's "Implementing Stripe-like
 * idempotency keys in Postgres" (recovery points, locked_at, takeover).
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
 * Without an Idempotency-Key every request is a checkout of its own, charged with a fresh provider key, and it is
 * claimed all the same, under an internal key ({@code ∅} + the provider key) that no client can send: no request can
 * replay or take it over, so it leaves CLAIMED only by its own order transaction, its own release or abandon, or the
 * reconciler. The claim is what makes every capture of this deployment reconcilable: the reconciler leaves a capture
 * whose key this database never claimed alone (another deployment's on the same provider account), so a keyless
 * checkout that charged without a claim would keep the customer's money after a crash. Its cost is one more short
 * transaction per keyless checkout, before the charge.
 */
package com.example.checkout.order.idempotency;
