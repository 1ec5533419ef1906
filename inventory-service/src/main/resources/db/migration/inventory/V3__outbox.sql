-- Inventory's transactional outbox: the outcome of each reservation (StockReserved, StockReservationRejected) is
-- written here in the reservation's own transaction, and outbox-relay streams it from this database's WAL to the
-- topic named by aggregate_type ('inventory'), keyed by aggregate_id (the order id). The same columns as the
-- order service's outbox, so one relay configuration routes both.
CREATE TABLE outbox (
    id             uuid PRIMARY KEY,          -- the event id: ce_id, the consumers' dedupe key
    aggregate_type text NOT NULL,             -- the topic: 'inventory'
    aggregate_id   text NOT NULL,             -- Kafka key and ce_subject: the order id
    event_type     text NOT NULL,             -- ce_type
    payload        jsonb NOT NULL,            -- the event JSON (EventJson.write)
    created_at     timestamptz NOT NULL DEFAULT now(),  -- ce_time
    traceparent    text                        -- W3C trace context, continued from the OrderPlaced that caused it
);

-- The relay's heartbeat.action.query writes here, so the slot advances even when no order arrives.
CREATE TABLE relay_heartbeat (id int PRIMARY KEY, beat_at timestamptz NOT NULL);

CREATE PUBLICATION outbox_publication FOR TABLE outbox, relay_heartbeat;
