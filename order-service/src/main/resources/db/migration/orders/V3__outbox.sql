-- The transactional outbox (contract in docs/architecture.md, "Events"): outbox-relay streams these rows from the WAL to Kafka.
CREATE TABLE outbox (
    id             uuid PRIMARY KEY,          -- the event id: ce_id, the consumers' dedupe key
    aggregate_type text NOT NULL,             -- names the topic the relay routes to: 'orders'
    aggregate_id   text NOT NULL,             -- Kafka key and ce_subject: the order id
    event_type     text NOT NULL,             -- ce_type
    payload        jsonb NOT NULL,            -- the event JSON (EventJson.write)
    created_at     timestamptz NOT NULL DEFAULT now(),  -- ce_time
    traceparent    text                        -- W3C trace context of the request
);

-- Debezium's heartbeat.action.query writes here, so the slot advances even when no order is placed.
CREATE TABLE relay_heartbeat (id int PRIMARY KEY, beat_at timestamptz NOT NULL);

CREATE PUBLICATION outbox_publication FOR TABLE outbox, relay_heartbeat;
