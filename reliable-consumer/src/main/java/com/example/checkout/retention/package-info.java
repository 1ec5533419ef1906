/**
 * Keeping a table to a window, Kafka-free: the batched delete every retention job runs (the consumers'
 * {@code processed_events} and dead letters, the order service's idempotency keys), and the one outbox retention
 * job of every service with an outbox ({@link com.example.checkout.retention.EnableOutboxRetention}). Outside
 * {@code com.example.checkout.consumer} so that the order service's request-side features may use it without
 * touching the messaging library (its ArchitectureTests).
 */
package com.example.checkout.retention;
