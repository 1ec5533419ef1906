package com.example.checkout.benchmark;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The ceiling: the checkout's own database work — the claim of its key (committed before the provider is called)
 * and the order's transaction (price from the catalog, insert order, lines, payment and outbox row, finish the key
 * with the response, commit) — in plain JDBC on the same Postgres, with nothing else in the way: no HTTP, no
 * provider, no JSON, no pool, no Spring. One "transaction" below is one checkout, both commits. It writes to copies
 * of the tables in schema {@code bench_raw}, which is outside the relay's publication, so the consumers never see
 * these rows; the schema is dropped afterwards.
 */
final class RawTransaction {

    private static final String SCHEMA = "bench_raw";
    private static final List<String> TABLES = List.of("idempotency_keys", "orders", "order_lines", "payments", "outbox");

    private final String url;

    RawTransaction(String url) {
        this.url = url;
    }

    /** Transactions per second with {@code clients} connections, each committing back to back for {@code duration}. */
    double transactionsPerSecond(int clients, Duration duration) throws Exception {
        createTables();
        try (ExecutorService threads = Executors.newFixedThreadPool(clients)) {
            long deadline = System.nanoTime() + duration.toNanos();
            List<Future<Integer>> counts = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                counts.add(threads.submit(() -> commitUntil(deadline)));
            }
            long total = 0;
            for (Future<Integer> count : counts) {
                total += count.get();
            }
            return total / (duration.toNanos() / 1e9);
        } finally {
            dropTables();
        }
    }

    private int commitUntil(long deadline) throws SQLException {
        try (Connection connection = connect()) {
            connection.setAutoCommit(false);
            int committed = 0;
            while (System.nanoTime() < deadline) {
                checkout(connection);
                committed++;
            }
            return committed;
        }
    }

    private static void checkout(Connection connection) throws SQLException {
        String customer = "raw-" + UUID.randomUUID();
        String key = UUID.randomUUID().toString();
        UUID orderId = UUID.randomUUID();
        List<String> skus = List.of("SKU-00" + (1 + ThreadLocalRandom.current().nextInt(9)));
        try (PreparedStatement lockTimeout = connection.prepareStatement("SELECT set_config('lock_timeout', '2000ms', true)");
             PreparedStatement claim = connection.prepareStatement("""
                     INSERT INTO bench_raw.idempotency_keys (customer_id, idempotency_key, request_hash, expires_at,
                                                             recovery_point, provider_key, attempt_id, locked_at)
                     VALUES (?, ?, ?, now() + 86400 * interval '1 second', 'CLAIMED', ?, ?, now())
                     ON CONFLICT (customer_id, idempotency_key) DO UPDATE
                       SET request_hash = excluded.request_hash, order_id = NULL, response = NULL,
                           created_at = now(), expires_at = excluded.expires_at, recovery_point = 'CLAIMED',
                           provider_key = excluded.provider_key, attempt_id = excluded.attempt_id,
                           locked_at = now(), charge_reference = NULL
                       WHERE bench_raw.idempotency_keys.expires_at <= now()
                     RETURNING provider_key""");
             PreparedStatement price = connection.prepareStatement(
                     "SELECT sku, name, unit_price_cents FROM products WHERE sku = ANY (?)");
             PreparedStatement order = connection.prepareStatement("""
                     INSERT INTO bench_raw.orders (id, customer_id, email, status, total_cents, currency, placed_at)
                     VALUES (?, ?, ?, 'PLACED', ?, 'EUR', ?)""");
             PreparedStatement line = connection.prepareStatement("""
                     INSERT INTO bench_raw.order_lines (order_id, line_no, sku, name, quantity, unit_price_cents)
                     VALUES (?, ?, ?, ?, ?, ?)""");
             PreparedStatement payment = connection.prepareStatement("""
                     INSERT INTO bench_raw.payments (id, order_id, idempotency_key, gateway_reference, amount_cents, currency, status)
                     VALUES (?, ?, ?, ?, ?, 'EUR', 'CAPTURED')""");
             PreparedStatement outbox = connection.prepareStatement("""
                     INSERT INTO bench_raw.outbox (id, aggregate_type, aggregate_id, event_type, payload, traceparent)
                     VALUES (?, 'orders', ?, 'com.example.checkout.order.OrderPlaced.v1', ?::jsonb, ?)""");
             PreparedStatement complete = connection.prepareStatement("""
                     UPDATE bench_raw.idempotency_keys SET recovery_point = 'FINISHED', order_id = ?, response = ?,
                                                           charge_reference = ?
                     WHERE customer_id = ? AND idempotency_key = ? AND attempt_id = ? AND recovery_point = 'CLAIMED'""")) {
            lockTimeout.executeQuery().close();
            claim.setString(1, customer);
            claim.setString(2, key);
            claim.setString(3, "0".repeat(64));
            claim.setString(4, "checkout-" + key);
            UUID attempt = UUID.randomUUID();
            claim.setObject(5, attempt);
            claim.executeQuery().close();
            // The claim commits before the provider is called (here: not called; the ceiling has no provider).
            connection.commit();
            String charge = "ch_" + UUID.randomUUID();
            price.setArray(1, connection.createArrayOf("text", skus.toArray()));
            String sku;
            String name;
            long unitPrice;
            try (ResultSet product = price.executeQuery()) {
                product.next();
                sku = product.getString(1);
                name = product.getString(2);
                unitPrice = product.getLong(3);
            }
            long total = 2 * unitPrice;
            order.setObject(1, orderId);
            order.setString(2, customer);
            order.setString(3, "ada@example.com");
            order.setLong(4, total);
            order.setTimestamp(5, Timestamp.from(Instant.now()));
            order.executeUpdate();
            line.setObject(1, orderId);
            line.setInt(2, 1);
            line.setString(3, sku);
            line.setString(4, name);
            line.setInt(5, 2);
            line.setLong(6, unitPrice);
            line.executeUpdate();
            payment.setObject(1, UUID.randomUUID());
            payment.setObject(2, orderId);
            payment.setString(3, "checkout-" + key);
            payment.setString(4, charge);
            payment.setLong(5, total);
            payment.executeUpdate();
            outbox.setObject(1, UUID.randomUUID());
            outbox.setString(2, orderId.toString());
            outbox.setString(3, """
                    {"orderId":"%s","customerId":"%s","email":"ada@example.com","lines":[{"sku":"%s","name":"%s",\
                    "quantity":2,"unitPriceCents":%d}],"totalCents":%d,"currency":"EUR","placedAt":"%s"}"""
                    .formatted(orderId, customer, sku, name, unitPrice, total, Instant.now()));
            outbox.setString(4, "00-" + UUID.randomUUID().toString().replace("-", "") + "-0123456789abcdef-01");
            outbox.executeUpdate();
            complete.setObject(1, orderId);
            complete.setString(2, "{\"orderId\":\"" + orderId + "\",\"status\":\"PLACED\",\"totalCents\":" + total
                    + ",\"currency\":\"EUR\"}");
            complete.setString(3, charge);
            complete.setString(4, customer);
            complete.setString(5, key);
            complete.setObject(6, attempt);
            if (complete.executeUpdate() != 1) {
                throw new SQLException("the claim of " + key + " was not finished");
            }
            connection.commit();
        } catch (SQLException e) {
            connection.rollback();
            throw e;
        }
    }

    private void createTables() throws SQLException {
        dropTables();
        try (Connection connection = connect(); Statement ddl = connection.createStatement()) {
            ddl.execute("CREATE SCHEMA " + SCHEMA);
            for (String table : TABLES) {
                // Columns, defaults, checks, primary keys, unique constraints and indexes of the real table.
                ddl.execute("CREATE TABLE %s.%s (LIKE public.%s INCLUDING ALL)".formatted(SCHEMA, table, table));
            }
            // LIKE copies no foreign keys; the real tables have these three.
            ddl.execute("ALTER TABLE bench_raw.order_lines ADD FOREIGN KEY (order_id) REFERENCES bench_raw.orders (id)");
            ddl.execute("ALTER TABLE bench_raw.order_lines ADD FOREIGN KEY (sku) REFERENCES public.products (sku)");
            ddl.execute("ALTER TABLE bench_raw.payments ADD FOREIGN KEY (order_id) REFERENCES bench_raw.orders (id)");
        }
    }

    private void dropTables() throws SQLException {
        try (Connection connection = connect(); Statement ddl = connection.createStatement()) {
            ddl.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
        }
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(url, "postgres", "postgres");
    }
}
