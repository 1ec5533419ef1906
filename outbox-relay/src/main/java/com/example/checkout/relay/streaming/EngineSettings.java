package com.example.checkout.relay.streaming;

import java.util.Properties;

import io.debezium.connector.postgresql.PostgresConnector;
import org.apache.kafka.connect.storage.KafkaOffsetBackingStore;

/**
 * The Debezium engine's configuration for streaming the outbox. The replication slot and the publication are
 * created by order-service's Flyway migrations before the first outbox row can exist (with
 * {@code snapshot.mode=no_data}, a slot created later by the engine would miss every earlier row), so the engine
 * must never create or alter them.
 */
final class EngineSettings {

    /**
     * Keeps {@code relay_heartbeat} changing: its changes move the slot's confirmed position even when no order
     * comes in, so Postgres can recycle WAL.
     */
    static final String HEARTBEAT_QUERY = "INSERT INTO relay_heartbeat (id, beat_at) VALUES (1, now()) "
            + "ON CONFLICT (id) DO UPDATE SET beat_at = excluded.beat_at";

    private EngineSettings() {
    }

    static Properties forOutbox(RelaySource source, String bootstrapServers, RelayProperties relay) {
        SourceDatabase database = source.database();
        Properties settings = new Properties();
        settings.setProperty("name", source.engineName());
        settings.setProperty("connector.class", PostgresConnector.class.getName());

        // Offsets live in Kafka, not in a local file: a restarted or replacement instance resumes where the
        // last leader stopped. The topic is created compacted by the offset store itself.
        settings.setProperty("offset.storage", KafkaOffsetBackingStore.class.getName());
        settings.setProperty("offset.storage.topic", source.offsetsTopic());
        settings.setProperty("offset.storage.partitions", "1");
        settings.setProperty("offset.storage.replication.factor", "-1"); // the broker's default
        settings.setProperty("offset.flush.interval.ms", Long.toString(relay.offsetFlushInterval().toMillis()));
        settings.setProperty("bootstrap.servers", bootstrapServers);

        settings.setProperty("database.hostname", database.host());
        settings.setProperty("database.port", Integer.toString(database.port()));
        settings.setProperty("database.dbname", database.database());
        settings.setProperty("database.user", database.username());
        settings.setProperty("database.password", database.password());

        settings.setProperty("topic.prefix", source.changeTopicPrefix());
        settings.setProperty("plugin.name", "pgoutput");
        settings.setProperty("slot.name", source.slotName());
        settings.setProperty("publication.name", source.publication());
        settings.setProperty("publication.autocreate.mode", "disabled");
        settings.setProperty("snapshot.mode", "no_data");
        // A standby that took the lock while the old leader's walsender still holds the slot retries here for
        // a minute (the server's wal_sender_timeout ends a dead leader's stream), then the relay's restart-backoff.
        settings.setProperty("slot.max.retries", "12");
        settings.setProperty("slot.retry.delay.ms", "5000");
        settings.setProperty("table.include.list", "public.outbox,public.relay_heartbeat");
        settings.setProperty("tombstones.on.delete", "false");

        settings.setProperty("poll.interval.ms", Long.toString(relay.pollInterval().toMillis()));
        settings.setProperty("max.batch.size", Integer.toString(relay.maxBatchSize()));
        settings.setProperty("heartbeat.interval.ms", Long.toString(relay.heartbeatInterval().toMillis()));
        settings.setProperty("heartbeat.action.query", HEARTBEAT_QUERY);
        return settings;
    }
}
