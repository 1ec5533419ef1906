-- The relay logs in as its own role, outbox_relay (compose/postgres/20-service-roles.sql; k8s/base/postgres.yaml),
-- which may connect to this database and read what it streams, nothing else: not orders, payments or idempotency
-- keys. Debezium reads these two tables' structure; its heartbeat query upserts relay_heartbeat.
GRANT SELECT ON outbox TO outbox_relay;
GRANT SELECT, INSERT, UPDATE ON relay_heartbeat TO outbox_relay;
