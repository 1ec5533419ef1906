package com.example.checkout.relay.streaming;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The relay's dead-letter place: outbox rows that cannot become a Kafka record are parked, with the reason, in the
 * table {@code outbox_dead_letter} of their own source database, and the relay streams on.
 *
 * <p>A table, not a {@code <topic>.relay-dlt} topic: what cannot be written to Kafka (a record over the size
 * limit, a topic that may not be written, a row naming no topic at all) cannot be parked in Kafka either; the
 * source database takes any row, keeps it next to the outbox it came from, and an operator can fix it with SQL
 * before {@link #replay replaying} it. The table belongs to the owning service's migrations, like the outbox.
 */
final class ParkedEvents implements AutoCloseable {

    static final String TABLE = "outbox_dead_letter";
    /**
     * {@code created_at} as Debezium streams a {@code timestamptz}: UTC, always six fraction digits (the column's
     * precision), so a parked, replayed or republished event carries the very {@code ce_time} the stream sent.
     */
    private static final DateTimeFormatter TIME = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE).appendLiteral('T').appendPattern("HH:mm:ss")
            .appendFraction(ChronoField.NANO_OF_SECOND, 6, 6, true).appendOffsetId().toFormatter();

    private final RelaySource source;
    private final HikariDataSource dataSource;
    private final JdbcClient database;

    ParkedEvents(RelaySource source) {
        this.source = source;
        HikariConfig pool = new HikariConfig();
        pool.setJdbcUrl(source.database().jdbcUrl());
        pool.setUsername(source.database().username());
        pool.setPassword(source.database().password());
        pool.setPoolName("relay-" + source.name() + "-parked");
        pool.setMaximumPoolSize(2);
        pool.setMinimumIdle(0);
        pool.setConnectionTimeout(5_000);
        // Created now, connected on first use: a source that is down must not stop the relay from starting.
        pool.setInitializationFailTimeout(-1);
        this.dataSource = new HikariDataSource(pool);
        this.database = JdbcClient.create(dataSource);
    }

    /**
     * Whether a failed send is the record's own fault, so that retrying can never succeed: too large for Kafka,
     * or a topic the relay may not write. Anything else (broker down, timeouts) is the relay's to retry.
     */
    static boolean isPoison(Throwable failure) {
        return failure instanceof RecordTooLargeException || failure instanceof RecordBatchTooLargeException
                || failure instanceof InvalidTopicException || failure instanceof TopicAuthorizationException;
    }

    /**
     * Whether the table exists. Without it the source still streams, but a poison row stops it (the engine fails
     * on it and restarts on it) until the owning service's migrations create the table; health says so.
     */
    boolean tableExists() {
        return database.sql("SELECT to_regclass(?) IS NOT NULL").param("public." + TABLE).query(Boolean.class)
                .single();
    }

    String missingTable() {
        return "table " + TABLE + " does not exist on database '" + source.database().database() + "': a row "
                + "that cannot be published stops this source instead of being parked; the owning service's "
                + "migrations create it next to the outbox";
    }

    /** Parks {@code row}; parking it again (a replay after a crash) only refreshes the reason. */
    void park(OutboxRow row, String reason) {
        database.sql("""
                INSERT INTO outbox_dead_letter
                    (id, aggregate_type, aggregate_id, event_type, payload, created_at, traceparent, reason)
                VALUES (?::uuid, ?, ?, ?, ?, ?::timestamptz, ?, ?)
                ON CONFLICT (id) DO UPDATE SET reason = excluded.reason, parked_at = now(), replayed_at = NULL""")
                .params(row.id(), row.aggregateType(), row.aggregateId(), row.eventType(), row.payload(),
                        row.createdAt(), row.traceparent(), reason)
                .update();
    }

    /** The rows parked and not replayed yet, with the reason of the latest. */
    Waiting waiting() {
        return database.sql("""
                SELECT count(*) AS parked,
                       (SELECT reason FROM outbox_dead_letter WHERE replayed_at IS NULL
                        ORDER BY parked_at DESC LIMIT 1) AS latest_reason
                FROM outbox_dead_letter WHERE replayed_at IS NULL""")
                .query((rs, n) -> new Waiting(rs.getLong("parked"), Optional.ofNullable(rs.getString("latest_reason"))))
                .single();
    }

    /**
     * Publishes every waiting row that is fine now (the operator fixed the row, the topic or the size limit) and
     * marks it replayed; a row still at fault stays parked with its new reason. Same {@code ce_id} as the original,
     * so a consumer that somehow has it drops it.
     *
     * @return how many rows were replayed
     * @throws KafkaException when Kafka fails for a reason that is not the row's (retry the replay later)
     */
    int replay(Producer<String, String> producer) throws InterruptedException {
        List<OutboxRow> rows = database.sql("""
                SELECT id::text, aggregate_type, aggregate_id, event_type, payload, created_at, traceparent
                FROM outbox_dead_letter WHERE replayed_at IS NULL ORDER BY parked_at, id""")
                .query((rs, n) -> new OutboxRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), format(rs.getObject(6, OffsetDateTime.class)), rs.getString(7)))
                .list();
        int replayed = 0;
        for (OutboxRow row : rows) {
            String problem = row.problem(source.topics());
            if (problem == null) {
                problem = publish(producer, row);
            }
            if (problem == null) {
                database.sql("UPDATE outbox_dead_letter SET replayed_at = now() WHERE id = ?::uuid")
                        .param(row.id()).update();
                replayed++;
            } else {
                database.sql("UPDATE outbox_dead_letter SET reason = ? WHERE id = ?::uuid")
                        .params(problem, row.id()).update();
            }
        }
        return replayed;
    }

    /** Sends and waits for the ack; the reason when the record itself is at fault. */
    private String publish(Producer<String, String> producer, OutboxRow row) throws InterruptedException {
        try {
            producer.send(row.toRecord(source.eventSource())).get();
            return null;
        } catch (ExecutionException e) {
            if (isPoison(e.getCause())) {
                return reasonFor(e.getCause());
            }
            throw new KafkaException("replaying parked event " + row.id() + " failed", e.getCause());
        }
    }

    static String reasonFor(Throwable poison) {
        return "Kafka refused the record: " + poison.getClass().getSimpleName() + ": " + poison.getMessage();
    }

    static String format(OffsetDateTime time) {
        return time == null ? null : time.withOffsetSameInstant(ZoneOffset.UTC).format(TIME);
    }

    @Override
    public void close() {
        dataSource.close();
    }

    /** Parked rows waiting for a fix and a replay. */
    record Waiting(long parked, Optional<String> latestReason) {
    }
}
