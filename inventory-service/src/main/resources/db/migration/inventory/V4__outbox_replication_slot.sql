-- The relay's replication slot for this database, created here and not by the relay: with snapshot.mode=no_data
-- the relay would create it on its first start, and every outbox row committed before that would never be
-- streamed. Migrations run before the service consumes its first event, so the slot retains the WAL of every
-- outbox row ever written. Slot names are per Postgres server: the orders database's slot is outbox_relay.
-- Non-transactional (see the .sql.conf next to this file): a logical slot cannot be created in a transaction
-- that has already written. Idempotent, so a re-created or re-baselined history does not fail on it.
SELECT pg_create_logical_replication_slot('inventory_outbox_relay', 'pgoutput')
WHERE NOT EXISTS (SELECT 1 FROM pg_replication_slots WHERE slot_name = 'inventory_outbox_relay');
