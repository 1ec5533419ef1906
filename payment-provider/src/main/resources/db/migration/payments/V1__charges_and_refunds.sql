-- The provider's ledger. The invariants a provider promises its merchants are constraints here, so Postgres, not
-- the request handling, rejects a second charge for one idempotency key or a second refund of one charge.

-- One row per idempotency key: a capture (succeeded) or a decline (failed), both remembered so that the same key
-- answers the same way again. The request's fields are kept to tell a replay (same body) from a misuse (other body).
CREATE TABLE charges (
    id              text        PRIMARY KEY CHECK (id LIKE 'ch\_%'),
    idempotency_key text        NOT NULL UNIQUE,
    amount          bigint      NOT NULL CHECK (amount > 0),
    currency        char(3)     NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    source          text        NOT NULL,
    description     text,
    metadata        jsonb       NOT NULL DEFAULT '{}',
    status          text        NOT NULL CHECK (status IN ('succeeded', 'failed')),
    failure_code    text        CHECK ((status = 'failed') = (failure_code IS NOT NULL)),
    created         timestamptz NOT NULL
);

-- Listing captures by time (what a reconciler reads), in creation order, paged by the last charge seen.
CREATE INDEX charges_captured_by_time ON charges (created, id) WHERE status = 'succeeded';

-- Full refunds only: at most one per charge, and one per idempotency key.
CREATE TABLE refunds (
    id              text        PRIMARY KEY CHECK (id LIKE 're\_%'),
    charge_id       text        NOT NULL UNIQUE REFERENCES charges (id),
    idempotency_key text        NOT NULL UNIQUE,
    amount          bigint      NOT NULL CHECK (amount > 0),
    currency        char(3)     NOT NULL,
    status          text        NOT NULL CHECK (status = 'succeeded'),
    created         timestamptz NOT NULL
);
