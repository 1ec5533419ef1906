-- The order service's own catalog: checkout prices every line from here, never from the request.
CREATE TABLE products (
    sku              text PRIMARY KEY,
    name             text   NOT NULL,
    unit_price_cents bigint NOT NULL CHECK (unit_price_cents > 0),
    currency         text   NOT NULL DEFAULT 'EUR' CHECK (currency = 'EUR')
);

INSERT INTO products (sku, name, unit_price_cents) VALUES
    ('SKU-001', 'Espresso Beans, 1 kg',              2490),
    ('SKU-002', 'Ceramic Pour-Over Dripper',         2950),
    ('SKU-003', 'Gooseneck Kettle, 1 l',             5990),
    ('SKU-004', 'Burr Coffee Grinder',               8900),
    ('SKU-005', 'Paper Filters, 100 pcs',             495),
    ('SKU-006', 'Double-Wall Glass Mug',             1450),
    ('SKU-007', 'Milk Frothing Pitcher',             1890),
    ('SKU-008', 'Digital Coffee Scale',              3490),
    ('SKU-009', 'French Press, 8 cups',              3290),
    ('SKU-010', 'Cold Brew Bottle',                  2290),
    ('SKU-011', 'Loose Leaf Green Tea, 250 g',       1190),
    ('SKU-012', 'Cast Iron Teapot',                  4490),
    ('SKU-013', 'Bamboo Tea Tray',                   3990),
    ('SKU-014', 'Stainless Steel Tumbler',           2190),
    ('SKU-015', 'Descaling Tablets, 12 pcs',          899),
    ('SKU-016', 'Moka Pot, 6 cups',                  3790),
    ('SKU-017', 'Knock Box',                         2690),
    ('SKU-018', 'Tamper, 58 mm',                     3190),
    ('SKU-019', 'Barista Apron',                     2990),
    ('SKU-020', 'Cupping Spoon Set',                 1690);
