-- A cancelled order's sale is reversed once: revenue and units net of cancellations. The reversal is a sum like
-- the sale itself, so the figures are the same whichever of OrderPlaced and OrderCancelled is counted first
-- (retry topics reorder them). cancelled_sales holds one row per order, so a cancellation republished under
-- another event id is not subtracted twice.
CREATE TABLE cancelled_sales (
    order_id      uuid PRIMARY KEY,
    day           date        NOT NULL,   -- the day of the sale it reverses (UTC), not of the cancellation
    revenue_cents bigint      NOT NULL CHECK (revenue_cents >= 0),
    cancelled_at  timestamptz NOT NULL
);

ALTER TABLE daily_sales ADD COLUMN cancelled_orders bigint NOT NULL DEFAULT 0;
