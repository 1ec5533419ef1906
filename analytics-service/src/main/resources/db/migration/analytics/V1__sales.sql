-- Running totals, maintained by upsert. Each event is counted once because processed_events guards it
-- in the same transaction; the upserts themselves commute, so events may arrive in any order.
CREATE TABLE daily_sales (
    day           date   PRIMARY KEY,
    orders        bigint NOT NULL,
    revenue_cents bigint NOT NULL
);
CREATE TABLE product_sales (
    sku           text   PRIMARY KEY,
    units         bigint NOT NULL,
    revenue_cents bigint NOT NULL
);
