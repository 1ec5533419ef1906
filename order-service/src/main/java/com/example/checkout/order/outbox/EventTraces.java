package com.example.checkout.order.outbox;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The trace an event was written in, read back from its outbox row's {@code traceparent}: the relay and every
 * consumer continue that trace, so it is the one trace of the whole journey. Gone once retention deleted the row.
 */
@Repository
public class EventTraces {

    /** W3C trace context: version, trace id, parent span id, flags (bit 0: sampled). */
    private static final Pattern TRACEPARENT = Pattern.compile("00-([0-9a-f]{32})-[0-9a-f]{16}-([0-9a-f]{2})");

    /**
     * How far from the aggregate's own time its row is looked for: the row's {@code created_at} is its transaction's
     * start, which can be a little before or after it. The bound keeps the lookup a short range of the
     * {@code created_at} index instead of a scan of the whole outbox.
     */
    private static final Duration WINDOW = Duration.ofMinutes(5);

    private final JdbcClient database;

    EventTraces(JdbcClient database) {
        this.database = database;
    }

    /** The trace id of the first event of this type about this aggregate; empty when not sampled or not found. */
    public Optional<String> traceId(String aggregateId, String eventType, Instant around) {
        return database.sql("""
                        SELECT traceparent FROM outbox
                        WHERE created_at BETWEEN :from AND :to AND aggregate_id = :id AND event_type = :type
                        ORDER BY created_at LIMIT 1""")
                .param("from", Timestamp.from(around.minus(WINDOW)))
                .param("to", Timestamp.from(around.plus(WINDOW)))
                .param("id", aggregateId)
                .param("type", eventType)
                .query((row, n) -> Optional.ofNullable(row.getString("traceparent")))
                .optional()
                .flatMap(traceparent -> traceparent.flatMap(EventTraces::sampledTraceId));
    }

    /** Only a sampled trace was exported: a link to an unsampled one would lead nowhere. */
    static Optional<String> sampledTraceId(@Nullable String traceparent) {
        if (traceparent == null) {
            return Optional.empty();
        }
        Matcher parts = TRACEPARENT.matcher(traceparent);
        if (!parts.matches() || (Integer.parseInt(parts.group(2), 16) & 1) == 0) {
            return Optional.empty();
        }
        return Optional.of(parts.group(1));
    }
}
