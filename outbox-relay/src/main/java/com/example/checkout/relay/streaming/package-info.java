/** Runs the Debezium engine on the outbox and publishes each outbox row to Kafka, committing offsets only after Kafka acknowledged. */
package com.example.checkout.relay.streaming;
