-- Refunds of cancelled orders, claim / call / record: the row is claimed (REQUESTED) and committed before the
-- provider is called, so a refund whose answer was lost is never unknown; it is REFUNDED, with the provider's
-- reference, in the transaction that cancels the order. One refund per order, one per idempotency key.
CREATE TABLE refunds (
    order_id           uuid        PRIMARY KEY REFERENCES orders (id),
    idempotency_key    text        NOT NULL UNIQUE,
    charge_reference   text        NOT NULL,
    amount_cents       bigint      NOT NULL CHECK (amount_cents >= 0),
    currency           text        NOT NULL,
    status             text        NOT NULL CHECK (status IN ('REQUESTED', 'REFUNDED')),
    provider_reference text,
    requested_at       timestamptz NOT NULL DEFAULT now(),
    refunded_at        timestamptz,
    CHECK ((status = 'REFUNDED') = (provider_reference IS NOT NULL AND refunded_at IS NOT NULL))
);
