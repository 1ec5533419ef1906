/** Writes events into the outbox table, inside the caller's transaction; outbox-relay streams them to Kafka. */
package com.example.checkout.order.outbox;
