package com.example.checkout.benchmark;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.HdrHistogram.Histogram;

/**
 * Commit → effect, per consumer, from the services' own records: the order's commit in the orders database and
 * the commit of the consumer's {@code processed_events} row (written in the effect's transaction) in its own
 * database (named like the service: email, inventory, analytics). With Postgres' {@code track_commit_timestamp} on (the demo's Postgres has it), both are the real
 * commit times; otherwise the rows' own time columns, which are the transactions' start times.
 */
final class Effects {

    /** The consumer services and their databases, as the demo sets them up. */
    static final List<String> CONSUMERS = List.of("email", "inventory", "analytics");

    private final int postgresPort;

    Effects(int postgresPort) {
        this.postgresPort = postgresPort;
    }

    /** One consumer's delays for one step, in microseconds, and the most events it had not yet handled at once. */
    record Delays(Histogram delays, long missing, long maxBacklog) {
    }

    /** Waits up to {@code timeout} for every consumer to handle the orders' events, then measures. */
    Map<String, Delays> measure(Collection<String> orderIds, Duration timeout) throws SQLException {
        Map<UUID, Long> committed = orderCommits(orderIds);
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<String, Delays> result = new LinkedHashMap<>();
        for (String consumer : CONSUMERS) {
            try (Connection connection = connect(consumer)) {
                Map<UUID, Long> handled = handled(connection, committed.keySet());
                while (handled.size() < committed.size() && System.nanoTime() < deadline) {
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(250));
                    handled = handled(connection, committed.keySet());
                }
                result.put(consumer, delays(committed, handled));
            }
        }
        return result;
    }

    /** The delays and the highest backlog, from commit and effect times in microseconds. */
    static Delays delays(Map<UUID, Long> committed, Map<UUID, Long> handled) {
        Histogram delays = OpenLoop.histogram();
        List<long[]> timeline = new ArrayList<>();
        committed.forEach((event, commit) -> {
            timeline.add(new long[] {commit, 1});
            Long effect = handled.get(event);
            if (effect != null) {
                delays.recordValue(Math.max(0, effect - commit));
                timeline.add(new long[] {effect, -1});
            }
        });
        timeline.sort((a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1]));
        long backlog = 0;
        long maxBacklog = 0;
        for (long[] change : timeline) {
            backlog += change[1];
            maxBacklog = Math.max(maxBacklog, backlog);
        }
        return new Delays(delays, committed.size() - handled.size(), maxBacklog);
    }

    /** Event id → the order's commit time, microseconds since the epoch. */
    private Map<UUID, Long> orderCommits(Collection<String> orderIds) throws SQLException {
        try (Connection connection = connect("orders")) {
            // The OrderPlaced outbox row's commit is the checkout's: the order row itself is updated later by the
            // saga (CONFIRMED), which moves its xmin to that later transaction.
            String commit = commitTime(connection, "x", "x.created_at");
            try (PreparedStatement query = connection.prepareStatement("""
                    SELECT x.id, %s FROM orders o JOIN outbox x ON x.aggregate_id = o.id::text
                    WHERE o.id = ANY (?) AND x.event_type LIKE '%%.OrderPlaced.%%'""".formatted(commit))) {
                query.setArray(1, connection.createArrayOf("uuid", orderIds.stream().map(UUID::fromString).toArray()));
                return times(query);
            }
        }
    }

    private Map<UUID, Long> handled(Connection connection, Collection<UUID> events) throws SQLException {
        String commit = commitTime(connection, "p", "p.processed_at");
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT p.event_id, %s FROM processed_events p WHERE p.event_id = ANY (?)".formatted(commit))) {
            query.setArray(1, connection.createArrayOf("uuid", events.toArray()));
            return times(query);
        }
    }

    private static Map<UUID, Long> times(PreparedStatement query) throws SQLException {
        Map<UUID, Long> times = new HashMap<>();
        try (ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                times.put(rows.getObject(1, UUID.class), rows.getLong(2));
            }
        }
        return times;
    }

    /** The SQL for a row's commit time in microseconds: the real one if Postgres tracks it, else {@code fallback}. */
    private static String commitTime(Connection connection, String alias, String fallback) throws SQLException {
        try (PreparedStatement show = connection.prepareStatement("SHOW track_commit_timestamp");
             ResultSet setting = show.executeQuery()) {
            setting.next();
            String time = "on".equals(setting.getString(1)) ? "pg_xact_commit_timestamp(" + alias + ".xmin)" : fallback;
            return "(extract(epoch FROM " + time + ") * 1000000)::bigint";
        }
    }

    static boolean tracksCommitTimes(String url) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, "postgres", "postgres");
             PreparedStatement show = connection.prepareStatement("SHOW track_commit_timestamp");
             ResultSet setting = show.executeQuery()) {
            setting.next();
            return "on".equals(setting.getString(1));
        }
    }

    /**
     * Stocks every SKU for the run, so every order is reserved and confirmed: this benchmark measures the checkout
     * and the happy path behind it; selling out is the sold-out scenario's subject.
     */
    void stockTheShop() throws SQLException {
        try (Connection connection = connect("inventory");
             PreparedStatement restock = connection.prepareStatement("UPDATE stock SET available = 1000000000")) {
            restock.executeUpdate();
        }
    }

    String url(String database) {
        return "jdbc:postgresql://localhost:" + postgresPort + "/" + database;
    }

    private Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(url(database), "postgres", "postgres");
    }
}
