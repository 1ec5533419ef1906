package com.example.checkout.consumer.deadletter;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.example.checkout.consumer.ConsumerMetrics;
import com.example.checkout.consumer.IdempotentProcessor;
import com.example.checkout.consumer.ReceivedEvent;
import com.example.checkout.consumer.tracing.ReplayTracing;
import com.example.checkout.events.EventHeaders;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.retrytopic.RetryTopicHeaders;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The group's DLT kept as a table: the DLT listener parks each record here (once, by its DLT coordinates), an
 * operator lists them and replays them after a fix. Replay runs the record through this group's own idempotent
 * handler in-process, never back onto the shared topic, so the other groups never see it again; the record is
 * marked replayed in the same transaction as its effect, which makes a second replay a no-op.
 */
public class DeadLetters {

    private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<Map<String, String>> HEADERS = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final IdempotentProcessor processor;
    private final ConsumerMetrics metrics;
    private final ReplayTracing tracing;
    private final int replayBatch;

    public DeadLetters(JdbcClient jdbc, TransactionTemplate transaction, IdempotentProcessor processor,
                       ConsumerMetrics metrics, ReplayTracing tracing, int replayBatch) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.processor = processor;
        this.metrics = metrics;
        this.tracing = tracing;
        this.replayBatch = replayBatch;
    }

    /**
     * The DLT handler: parks a record, once per DLT coordinates. When it cannot (the database is down), it throws
     * {@link DeadLetterNotParked}, which the container's error handler retries in place with a back-off (see
     * {@code ConsumerRetryTopicSupport}); any other exception would make spring-kafka publish the record to the DLT
     * again, a loop as fast as the broker.
     */
    public void park(ConsumerRecord<String, byte[]> record) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (Header header : record.headers()) {
            headers.put(header.key(), header.value() == null ? "" : Base64.getEncoder().encodeToString(header.value()));
        }
        // Retry-topic forwarding writes kafka_exception-* and kafka_original-* (not the kafka_dlt-* variants).
        String exceptionClass = first(record, KafkaHeaders.EXCEPTION_CAUSE_FQCN, KafkaHeaders.EXCEPTION_FQCN,
                KafkaHeaders.DLT_EXCEPTION_CAUSE_FQCN, KafkaHeaders.DLT_EXCEPTION_FQCN);
        String reason = Optional.ofNullable(first(record, KafkaHeaders.EXCEPTION_MESSAGE, KafkaHeaders.DLT_EXCEPTION_MESSAGE))
                .orElse("unknown");
        int inserted;
        try {
            String headersJson = JSON.writeValueAsString(headers);
            inserted = jdbc.sql("""
                            INSERT INTO dead_letters (dlt_topic, dlt_partition, dlt_offset, original_topic, record_key, event_id,
                                                      event_type, payload, headers, reason, exception_class, attempts)
                            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?)
                            ON CONFLICT (dlt_topic, dlt_partition, dlt_offset) DO NOTHING""")
                    .params(record.topic(), record.partition(), record.offset(),
                            first(record, KafkaHeaders.ORIGINAL_TOPIC, KafkaHeaders.DLT_ORIGINAL_TOPIC), record.key(), uuid(text(record, EventHeaders.ID)),
                            text(record, EventHeaders.TYPE), record.value(), headersJson, reason,
                            exceptionClass, attempts(record))
                    .update();
        } catch (RuntimeException notParked) {
            // Mostly the database (down, refusing logins); anything else is retried in place too, never re-published.
            metrics.parkFailed();
            Throwable cause = notParked instanceof DataAccessException dataAccess ? dataAccess.getMostSpecificCause() : notParked;
            log.warn("Could not park {}-{}@{} (event {}), retrying in place: {}", record.topic(), record.partition(),
                    record.offset(), text(record, EventHeaders.ID), cause.toString());
            throw new DeadLetterNotParked(record.topic() + "-" + record.partition() + "@" + record.offset(), notParked);
        }
        if (inserted == 1) {
            metrics.deadLettered();
            log.warn("Parked {}-{}@{} (event {}): {}", record.topic(), record.partition(), record.offset(),
                    text(record, EventHeaders.ID), reason);
        }
    }

    /**
     * One page of parked records, oldest first.
     *
     * @param after the cursor: only records with a greater id; null for the first page
     * @param withPayload whether each item carries its payload (large; the list view does not need it)
     */
    @Transactional(readOnly = true)
    public DeadLetterPage parked(int limit, @Nullable Long after, boolean withPayload) {
        List<DeadLetter> items = jdbc.sql("""
                        SELECT * FROM dead_letters WHERE status = 'PARKED' AND id > ? ORDER BY id LIMIT ?""")
                .params(after == null ? 0L : after, limit + 1)
                .query((rs, row) -> deadLetter(rs, withPayload)).list();
        if (items.size() <= limit) {
            return new DeadLetterPage(items, null);
        }
        List<DeadLetter> page = items.subList(0, limit);
        return new DeadLetterPage(List.copyOf(page), page.getLast().id());
    }

    public long parkedCount() {
        return jdbc.sql("SELECT count(*) FROM dead_letters WHERE status = 'PARKED'").query(Long.class).single();
    }

    public boolean exists(long id) {
        return jdbc.sql("SELECT count(*) FROM dead_letters WHERE id = ?").param(id).query(Long.class).single() > 0;
    }

    /**
     * Replays at most {@code checkout.consumer.dead-letters.replay-batch} parked records: those never tried
     * before first, then the ones whose last replay is oldest, so records that keep failing do not block the
     * rest from one call to the next.
     *
     * @param requestedBy who asked, for the audit
     */
    public ReplayResult replayAll(String requestedBy) {
        List<Long> ids = jdbc.sql("""
                        SELECT id FROM dead_letters WHERE status = 'PARKED'
                        ORDER BY last_replay_at NULLS FIRST, id LIMIT ?""")
                .param(replayBatch).query(Long.class).list();
        return replay(ids, requestedBy);
    }

    public ReplayResult replay(long id, String requestedBy) {
        return replay(List.of(id), requestedBy);
    }

    private ReplayResult replay(List<Long> ids, String requestedBy) {
        int replayed = 0;
        int failed = 0;
        for (long id : ids) {
            try {
                if (Boolean.TRUE.equals(transaction.execute(status -> replayInTransaction(id, requestedBy)))) {
                    replayed++;
                    metrics.replayed();
                }
            } catch (RuntimeException stillFailing) {
                failed++;
                String reason = "replay failed: " + stillFailing.getMessage();
                transaction.executeWithoutResult(status -> {
                    jdbc.sql("UPDATE dead_letters SET reason = ?, last_replay_at = now() WHERE id = ?")
                            .params(reason, id).update();
                    audit(id, requestedBy, Audit.FAILED, stillFailing.toString());
                });
                log.warn("Replay of dead letter {} failed: {}", id, stillFailing.toString());
            }
        }
        return new ReplayResult(replayed, failed, parkedCount());
    }

    /**
     * Locks the row so two concurrent replays cannot both run it; a replayed row is skipped. The effect, the row's
     * status and the audit entry commit together.
     */
    private boolean replayInTransaction(long id, String requestedBy) {
        Optional<StoredRecord> stored = jdbc.sql("""
                        SELECT id, dlt_topic, dlt_partition, dlt_offset, record_key, payload, headers
                        FROM dead_letters WHERE id = ? AND status = 'PARKED' FOR UPDATE""")
                .param(id)
                .query((rs, row) -> new StoredRecord(rs.getString("dlt_topic"), rs.getInt("dlt_partition"),
                        rs.getLong("dlt_offset"), rs.getString("record_key"), rs.getBytes("payload"),
                        JSON.readValue(rs.getString("headers"), HEADERS)))
                .optional();
        if (stored.isEmpty()) {
            audit(id, requestedBy, Audit.SKIPPED, "not parked (already replayed, or no such dead letter)");
            return false;
        }
        StoredRecord record = stored.get();
        IdempotentProcessor.Outcome outcome = tracing.replay(record.topic(), record::header, record.key(),
                () -> processor.process(ReceivedEvent.of(record.payload(), record::header, record.key(),
                        record.topic(), record.partition(), record.offset())));
        jdbc.sql("UPDATE dead_letters SET status = 'REPLAYED', replayed_at = now(), last_replay_at = now() WHERE id = ?")
                .param(id).update();
        audit(id, requestedBy, Audit.REPLAYED, outcome.name().toLowerCase(Locale.ROOT));
        return true;
    }

    /** What became of one replay of one dead letter, as {@code dead_letter_replays.outcome} records it. */
    private enum Audit { REPLAYED, FAILED, SKIPPED }

    private void audit(long id, String requestedBy, Audit outcome, String detail) {
        jdbc.sql("""
                        INSERT INTO dead_letter_replays (dead_letter_id, event_id, requested_by, outcome, detail)
                        VALUES (?, (SELECT event_id FROM dead_letters WHERE id = ?), ?, ?, ?)""")
                .params(id, id, requestedBy, outcome.name(), detail).update();
    }

    private record StoredRecord(String topic, int partition, long offset, @Nullable String key,
                                byte @Nullable [] payload, Map<String, String> headers) {

        @Nullable String header(String name) {
            String encoded = headers.get(name);
            return encoded == null ? null : new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
        }
    }

    private static DeadLetter deadLetter(ResultSet rs, boolean withPayload) throws SQLException {
        byte[] payload = withPayload ? rs.getBytes("payload") : null;
        return new DeadLetter(rs.getLong("id"), rs.getString("dlt_topic"), rs.getInt("dlt_partition"),
                rs.getLong("dlt_offset"), rs.getString("original_topic"), rs.getString("record_key"),
                rs.getObject("event_id", UUID.class), rs.getString("event_type"), rs.getString("reason"),
                rs.getString("exception_class"), rs.getInt("attempts"),
                rs.getTimestamp("dead_lettered_at").toInstant(),
                payload == null ? null : new String(payload, StandardCharsets.UTF_8));
    }

    /**
     * Deliveries made. spring-kafka's attempts header carries the number of the attempt the record is forwarded to
     * (the DLT counts as one past the last); a record sent straight to the DLT had one delivery.
     */
    private static int attempts(ConsumerRecord<String, byte[]> record) {
        Header header = record.headers().lastHeader(RetryTopicHeaders.DEFAULT_HEADER_ATTEMPTS);
        if (header == null || header.value() == null) {
            return 1;
        }
        byte[] value = header.value();
        int forwardedTo = value.length == Integer.BYTES ? ByteBuffer.wrap(value).getInt()
                : Integer.parseInt(new String(value, StandardCharsets.UTF_8).trim());
        return Math.max(1, forwardedTo - 1);
    }

    private static @Nullable String text(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static @Nullable String first(ConsumerRecord<String, byte[]> record, String... names) {
        for (String name : names) {
            String value = text(record, name);
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    private static @Nullable UUID uuid(@Nullable String id) {
        try {
            return id == null ? null : UUID.fromString(id);
        } catch (IllegalArgumentException malformed) {
            return null;
        }
    }
}
