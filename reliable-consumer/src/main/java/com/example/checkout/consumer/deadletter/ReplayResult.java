package com.example.checkout.consumer.deadletter;

/**
 * What one replay request did.
 *
 * @param replayed records processed (or found already processed) and marked replayed
 * @param failed records that failed again and stay parked
 * @param remaining records still parked afterwards: more than zero after a bounded replay-all means "call again"
 */
public record ReplayResult(int replayed, int failed, long remaining) {
}
