-- The relay's replication slot, created here and not by the relay: with snapshot.mode=no_data the relay would
-- create it on its first start, and every outbox row committed before that would never be streamed
-- (docs/architecture.md, "The data-loss trap"). Migrations run before the service accepts its first order, so the slot
-- retains the WAL of every outbox row ever written.
-- Non-transactional (see the .sql.conf next to this file): a logical slot cannot be created in a transaction
-- that has already written. Idempotent, so a re-created or re-baselined history does not fail on it.
SELECT pg_create_logical_replication_slot('outbox_relay', 'pgoutput')
WHERE NOT EXISTS (SELECT 1 FROM pg_replication_slots WHERE slot_name = 'outbox_relay');
