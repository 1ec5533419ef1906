-- One row per counted order, written in the same transaction as the running totals: which orders the figures
-- contain and when each was counted (the console's order journey shows it). The primary key means an order can
-- never be counted twice, even if the idempotency guard were bypassed.
CREATE TABLE order_sales (
    order_id    uuid        PRIMARY KEY,
    total_cents bigint      NOT NULL CHECK (total_cents >= 0),
    counted_at  timestamptz NOT NULL DEFAULT now()
);
-- "The latest counted orders", without sorting the whole table.
CREATE INDEX order_sales_counted_at ON order_sales (counted_at DESC);
