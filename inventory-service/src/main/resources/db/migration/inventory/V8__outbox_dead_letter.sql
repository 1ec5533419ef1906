-- Where outbox-relay parks an inventory outbox row it cannot publish, with the reason, and streams on (the same
-- table as the orders database's; see outbox-relay's README). Not in the publication: the relay does not stream it.
CREATE TABLE outbox_dead_letter (
    id             uuid PRIMARY KEY,          -- the outbox row's id: the event keeps its ce_id through a replay
    aggregate_type text,
    aggregate_id   text,
    event_type     text,
    payload        text,                      -- as streamed; may be anything, that is why it is here
    created_at     timestamptz,
    traceparent    text,
    reason         text        NOT NULL,
    parked_at      timestamptz NOT NULL DEFAULT now(),
    replayed_at    timestamptz
);

CREATE INDEX outbox_dead_letter_waiting ON outbox_dead_letter (parked_at) WHERE replayed_at IS NULL;

-- One WAL record per outbox row, as in the orders database: Postgres never takes the multi-insert path (rows
-- sharing one LSN, which Debezium before 3.7 can skip on restart) for a table with a BEFORE INSERT row trigger.
CREATE FUNCTION outbox_one_wal_record_per_row() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RETURN NEW;
END $$;

CREATE TRIGGER outbox_one_wal_record_per_row BEFORE INSERT ON outbox
    FOR EACH ROW EXECUTE FUNCTION outbox_one_wal_record_per_row();
