-- The idempotency guard: an event id is inserted in the same transaction as the event's effect,
-- so an effect and its "done" mark commit or roll back together.
CREATE TABLE processed_events (
    event_id     uuid PRIMARY KEY,
    event_type   text        NOT NULL,
    processed_at timestamptz NOT NULL DEFAULT now()
);
