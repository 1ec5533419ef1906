-- One row per order line. REJECTED is a business outcome (not enough stock, unknown SKU), not an error:
-- every line of a rejected order is recorded as rejected and no stock moves.
CREATE TABLE reservations (
    order_id    uuid        NOT NULL,
    sku         text        NOT NULL,
    quantity    int         NOT NULL CHECK (quantity > 0),
    status      text        NOT NULL CHECK (status IN ('RESERVED', 'REJECTED')),
    reason      text,
    reserved_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (order_id, sku)
);
