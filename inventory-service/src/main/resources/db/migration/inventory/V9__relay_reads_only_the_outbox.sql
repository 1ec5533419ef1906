-- The relay logs in as its own role, outbox_relay (compose/postgres/20-service-roles.sql; k8s/base/postgres.yaml),
-- which may connect to this database and use what it streams, nothing else: not stock or reservations. Debezium
-- reads the outbox's and the heartbeat's structure; its heartbeat query upserts relay_heartbeat; the relay parks
-- unpublishable rows in outbox_dead_letter and marks them replayed.
GRANT SELECT ON outbox TO outbox_relay;
GRANT SELECT, INSERT, UPDATE ON relay_heartbeat TO outbox_relay;
GRANT SELECT, INSERT, UPDATE ON outbox_dead_letter TO outbox_relay;
