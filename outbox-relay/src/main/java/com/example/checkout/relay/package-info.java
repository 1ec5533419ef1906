/** The outbox relay service: Debezium reads the order service's outbox from the WAL and publishes it to Kafka. */
package com.example.checkout.relay;
