-- Orders, their lines and their payments. Written together with the outbox row in one transaction.
CREATE TABLE orders (
    id          uuid PRIMARY KEY,
    customer_id text        NOT NULL,
    email       text        NOT NULL,
    status      text        NOT NULL CHECK (status IN ('PLACED')),
    total_cents bigint      NOT NULL CHECK (total_cents >= 0),
    currency    text        NOT NULL,
    placed_at   timestamptz NOT NULL
);

CREATE TABLE order_lines (
    order_id         uuid    NOT NULL REFERENCES orders (id),
    line_no          int     NOT NULL CHECK (line_no >= 1),
    sku              text    NOT NULL REFERENCES products (sku),
    name             text    NOT NULL,
    quantity         int     NOT NULL CHECK (quantity BETWEEN 1 AND 100),
    unit_price_cents bigint  NOT NULL CHECK (unit_price_cents >= 0),
    PRIMARY KEY (order_id, line_no),
    -- One line per SKU: the API rejects duplicates, the database makes sure.
    UNIQUE (order_id, sku)
);

CREATE TABLE payments (
    id                uuid PRIMARY KEY,
    order_id          uuid        NOT NULL UNIQUE REFERENCES orders (id),
    -- The key the gateway was charged with; unique, so one order is never recorded as paid twice.
    idempotency_key   text        NOT NULL UNIQUE,
    gateway_reference text        NOT NULL,
    amount_cents      bigint      NOT NULL CHECK (amount_cents >= 0),
    currency          text        NOT NULL,
    status            text        NOT NULL CHECK (status IN ('CAPTURED')),
    created_at        timestamptz NOT NULL DEFAULT now()
);
