/**
 * Keeping a table to a window, Kafka-free: the batched delete every retention job runs (the consumers'
 * {@code processed_events} and dead letters, the order service's outbox and idempotency keys). Outside
 * {@code com.example.checkout.consumer} so that the order service's request-side features may use it without
 * touching the messaging library (its ArchitectureTests).
 */
package com.example.checkout.retention;
