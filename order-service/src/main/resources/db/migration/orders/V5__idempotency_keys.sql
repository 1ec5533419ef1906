-- Idempotency-Key of POST /checkout, scoped to the customer. The primary key, not a check-then-insert, makes
-- two concurrent requests with one key create one order: the second insert waits for the first transaction and
-- then conflicts.
CREATE TABLE idempotency_keys (
    customer_id     text        NOT NULL,
    idempotency_key text        NOT NULL,
    request_hash    text        NOT NULL,   -- SHA-256 of the canonical request: same key, other body -> 422
    order_id        uuid,                   -- set when the order is placed, in the same transaction
    response        text,                   -- the original 201 body, replayed verbatim
    created_at      timestamptz NOT NULL DEFAULT now(),
    expires_at      timestamptz NOT NULL,
    PRIMARY KEY (customer_id, idempotency_key)
);

CREATE INDEX idempotency_keys_expires_at ON idempotency_keys (expires_at);
