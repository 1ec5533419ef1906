/**
 * The checkout saga's order-service side: a reliable consumer of inventory's outcomes that confirms the order, or
 * refunds and cancels it, each in one transaction with its outbox row. The only package with Kafka types.
 */
package com.example.checkout.order.saga;
