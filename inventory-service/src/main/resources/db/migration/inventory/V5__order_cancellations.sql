-- Orders the inventory has seen cancelled. A cancellation releases what the order reserved (RELEASED, stock given
-- back) and, kept here, stops an OrderPlaced that arrives after it (retry topics reorder one order's events) from
-- reserving anything: the end state is the same in either order.
CREATE TABLE cancelled_orders (
    order_id     uuid PRIMARY KEY,
    reason       text        NOT NULL,
    cancelled_at timestamptz NOT NULL DEFAULT now()
);

ALTER TABLE reservations DROP CONSTRAINT reservations_status_check;
ALTER TABLE reservations ADD CONSTRAINT reservations_status_check
    CHECK (status IN ('RESERVED', 'REJECTED', 'RELEASED'));
