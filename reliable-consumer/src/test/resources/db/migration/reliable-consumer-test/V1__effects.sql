-- The test consumer's effect: one row per call of its handler. No unique key on purpose, so a second effect of one
-- event would show as a second row instead of being rejected by the table.
CREATE TABLE test_effects (
    id       bigserial PRIMARY KEY,
    event_id uuid        NOT NULL,
    order_id uuid        NOT NULL,
    at       timestamptz NOT NULL DEFAULT now()
);
