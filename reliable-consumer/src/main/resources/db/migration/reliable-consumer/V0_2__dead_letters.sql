-- Records this group parked on its DLT, kept with everything needed to replay them to this group only.
CREATE TABLE dead_letters (
    id               bigserial PRIMARY KEY,
    dlt_topic        text        NOT NULL,
    dlt_partition    int         NOT NULL,
    dlt_offset       bigint      NOT NULL,
    original_topic   text,
    record_key       text,
    event_id         uuid,
    event_type       text,
    payload          bytea,
    headers          jsonb       NOT NULL,
    reason           text        NOT NULL,
    exception_class  text,
    attempts         int         NOT NULL,
    dead_lettered_at timestamptz NOT NULL DEFAULT now(),
    status           text        NOT NULL DEFAULT 'PARKED' CHECK (status IN ('PARKED', 'REPLAYED')),
    replayed_at      timestamptz,
    -- A DLT record delivered twice is parked once.
    UNIQUE (dlt_topic, dlt_partition, dlt_offset)
);
CREATE INDEX dead_letters_parked ON dead_letters (id) WHERE status = 'PARKED';
