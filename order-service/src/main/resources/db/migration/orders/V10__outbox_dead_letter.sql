-- Where outbox-relay parks an outbox row it cannot publish (not a JSON object, unknown or missing event type, over
-- Kafka's size limit, a topic it may not write), with the reason, and streams on. A table here rather than a Kafka
-- topic: what Kafka refused cannot be parked in Kafka. Not in the publication: the relay does not stream it.
-- Replay after a fix: java -jar outbox-relay-<version>-exec.jar --replay-parked
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

-- One WAL record per outbox row. COPY writes several rows as one multi-insert WAL record, so they share one LSN,
-- and Debezium before 3.7 (debezium/dbz#1554) skips the rest of such a group when it restarts from an offset in
-- its middle. Postgres never takes the multi-insert path for a table with a BEFORE INSERT row trigger, so this
-- no-op trigger makes every row its own change with its own LSN, however the outbox is written.
CREATE FUNCTION outbox_one_wal_record_per_row() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RETURN NEW;
END $$;

CREATE TRIGGER outbox_one_wal_record_per_row BEFORE INSERT ON outbox
    FOR EACH ROW EXECUTE FUNCTION outbox_one_wal_record_per_row();
