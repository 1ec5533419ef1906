-- The saga's outcome of an order: CONFIRMED once its stock is reserved, CANCELLED (with the reason, after the
-- refund) once it is rejected. Only PLACED orders move, and only once: the saga locks the row and checks.
ALTER TABLE orders DROP CONSTRAINT orders_status_check;
ALTER TABLE orders ADD CONSTRAINT orders_status_check CHECK (status IN ('PLACED', 'CONFIRMED', 'CANCELLED'));
ALTER TABLE orders ADD COLUMN cancellation_reason text;
ALTER TABLE orders ADD CONSTRAINT cancelled_orders_have_a_reason
    CHECK ((status = 'CANCELLED') = (cancellation_reason IS NOT NULL));

-- What happened to an order after it was placed, with the time of each step (GET /orders/{id}). Each step at
-- most once per order: a redelivered inventory event cannot add a second "refunded".
CREATE TABLE order_timeline (
    order_id uuid        NOT NULL REFERENCES orders (id),
    step     text        NOT NULL CHECK (step IN ('STOCK_RESERVED', 'STOCK_REJECTED', 'REFUNDED', 'CONFIRMED', 'CANCELLED')),
    at       timestamptz NOT NULL,
    detail   text,
    PRIMARY KEY (order_id, step)
);
