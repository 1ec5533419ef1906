package com.example.checkout.relay.streaming;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.Function;

import com.zaxxer.hikari.HikariDataSource;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The relay jar's one-off operations, run next to the streaming relay (no web server, no streaming):
 * <ul>
 * <li>{@code --replay-parked}: publishes the parked rows of every source that are fine now (after a fix);</li>
 * <li>{@code --republish-since=<ISO instant>}: publishes again every outbox row created since then, the recovery
 * when a slot was lost (its WAL, and so those rows' changes, are gone); same {@code ce_id}, so consumers drop
 * what they already have.</li>
 * </ul>
 * {@code --source=<name>} limits either to one source. The exit code is 0 when everything was published.
 */
public final class RelayCommands implements ApplicationRunner, ExitCodeGenerator {

    public static final String REPLAY_PARKED = "replay-parked";
    public static final String REPUBLISH_SINCE = "republish-since";
    private static final String SOURCE = "source";
    private static final int PAGE = 500;
    private static final Logger log = LoggerFactory.getLogger(RelayCommands.class);

    private final OutboxRelays relays;
    private final Function<RelaySource, Producer<String, String>> producers;
    private int exitCode;

    RelayCommands(OutboxRelays relays, Function<RelaySource, Producer<String, String>> producers) {
        this.relays = relays;
        this.producers = producers;
    }

    /** Whether {@code args} ask for an operation rather than the streaming relay. */
    public static boolean isCommand(String... args) {
        for (String arg : args) {
            if (arg.equals("--" + REPLAY_PARKED) || arg.startsWith("--" + REPUBLISH_SINCE + "=")) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void run(ApplicationArguments args) throws Exception {
        if (!isCommand(args.getSourceArgs())) {
            return;
        }
        Optional<String> only = Optional.ofNullable(args.getOptionValues(SOURCE)).flatMap(v -> v.stream().findFirst());
        List<OutboxRelay> sources = only.map(name -> List.of(relays.source(name))).orElse(relays.all());
        try {
            for (OutboxRelay relay : sources) {
                try (Producer<String, String> producer = producers.apply(relay.source())) {
                    if (args.containsOption(REPLAY_PARKED)) {
                        int replayed = relay.parked().replay(producer);
                        long waiting = relay.parked().waiting().parked();
                        System.out.printf("source %s: replayed %d parked events, %d still parked%n",
                                relay.source().name(), replayed, waiting);
                        exitCode = Math.max(exitCode, waiting > 0 ? 2 : 0);
                    } else {
                        Instant since = since(args.getOptionValues(REPUBLISH_SINCE).getFirst());
                        long republished = republish(relay, producer, since);
                        System.out.printf("source %s: republished %d outbox events created since %s%n",
                                relay.source().name(), republished, since);
                    }
                }
            }
        } catch (RuntimeException e) {
            log.error("The relay command failed", e);
            exitCode = 1;
        }
    }

    @Override
    public int getExitCode() {
        return exitCode;
    }

    /**
     * Sends every outbox row created at or after {@code since}, oldest first, a page at a time, each page
     * acknowledged before the next is read. A row no consumer could use is parked, as the stream would.
     */
    private long republish(OutboxRelay relay, Producer<String, String> producer, Instant since)
            throws InterruptedException {
        RelaySource source = relay.source();
        try (HikariDataSource dataSource = dataSource(source)) {
            JdbcClient database = JdbcClient.create(dataSource);
            long republished = 0;
            Instant afterTime = since;
            String afterId = "00000000-0000-0000-0000-000000000000";
            while (true) {
                List<Map.Entry<OutboxRow, Instant>> page = database.sql("""
                        SELECT id::text, aggregate_type, aggregate_id, event_type, payload::text, created_at,
                               traceparent
                        FROM outbox WHERE (created_at, id) > (?, ?::uuid) ORDER BY created_at, id LIMIT ?""")
                        .params(OffsetDateTime.ofInstant(afterTime, ZoneOffset.UTC), afterId, PAGE)
                        .query((rs, n) -> {
                            OffsetDateTime created = rs.getObject(6, OffsetDateTime.class);
                            return Map.entry(new OutboxRow(rs.getString(1), rs.getString(2), rs.getString(3),
                                    rs.getString(4), rs.getString(5), ParkedEvents.format(created),
                                    rs.getString(7)), created.toInstant());
                        })
                        .list();
                if (page.isEmpty()) {
                    return republished;
                }
                List<Map.Entry<OutboxRow, Future<RecordMetadata>>> sent = new ArrayList<>();
                for (Map.Entry<OutboxRow, Instant> entry : page) {
                    OutboxRow row = entry.getKey();
                    String problem = row.problem(source.topics());
                    if (problem != null) {
                        relay.parked().park(row, problem);
                    } else {
                        sent.add(Map.entry(row, producer.send(row.toRecord(source.eventSource()))));
                    }
                }
                for (Map.Entry<OutboxRow, Future<RecordMetadata>> ack : sent) {
                    try {
                        ack.getValue().get();
                        republished++;
                    } catch (ExecutionException e) {
                        if (!ParkedEvents.isPoison(e.getCause())) {
                            throw new KafkaException("republishing " + ack.getKey().id() + " failed", e.getCause());
                        }
                        relay.parked().park(ack.getKey(), ParkedEvents.reasonFor(e.getCause()));
                    }
                }
                Map.Entry<OutboxRow, Instant> last = page.getLast();
                afterTime = last.getValue();
                afterId = last.getKey().id();
            }
        }
    }

    private static Instant since(String value) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("--" + REPUBLISH_SINCE + " needs an ISO-8601 instant such as "
                    + "2026-12-01T00:00:00Z, was: " + value, e);
        }
    }

    private static HikariDataSource dataSource(RelaySource source) {
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(source.database().jdbcUrl());
        dataSource.setUsername(source.database().username());
        dataSource.setPassword(source.database().password());
        dataSource.setMaximumPoolSize(1);
        return dataSource;
    }
}
