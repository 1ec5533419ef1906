-- Every replay of a dead letter, who asked and what came of it. No foreign key: retention deletes replayed dead
-- letters after their window, their audit stays.
CREATE TABLE dead_letter_replays (
    id             bigserial PRIMARY KEY,
    dead_letter_id bigint      NOT NULL,
    event_id       uuid,
    requested_by   text        NOT NULL,
    requested_at   timestamptz NOT NULL DEFAULT now(),
    outcome        text        NOT NULL CHECK (outcome IN ('REPLAYED', 'FAILED', 'SKIPPED')),
    detail         text
);
CREATE INDEX dead_letter_replays_dead_letter ON dead_letter_replays (dead_letter_id);

-- A bounded replay-all takes the records never tried first, then the longest untried, so records that keep
-- failing cannot starve the others.
ALTER TABLE dead_letters ADD COLUMN last_replay_at timestamptz;
