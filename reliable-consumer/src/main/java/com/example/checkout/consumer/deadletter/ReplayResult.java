package com.example.checkout.consumer.deadletter;

/** What one {@code POST /dlt/replay} did: records processed (or found already processed), records still failing. */
public record ReplayResult(int replayed, int failed) {
}
