-- The same SKUs as the order service's catalog, 100 units each. Stock never goes below zero.
CREATE TABLE stock (
    sku       text PRIMARY KEY,
    available int  NOT NULL CHECK (available >= 0)
);
INSERT INTO stock (sku, available)
SELECT 'SKU-' || lpad(n::text, 3, '0'), 100 FROM generate_series(1, 20) AS n;
