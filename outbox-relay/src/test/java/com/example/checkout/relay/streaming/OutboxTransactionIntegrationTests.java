package com.example.checkout.relay.streaming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.StringReader;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.example.checkout.events.OrderPlaced;
import com.example.checkout.infrastructure.PostgresServer;
import com.example.checkout.infrastructure.SharedInfrastructure;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import tools.jackson.databind.json.JsonMapper;

/**
 * Several outbox rows in one transaction (the saga writes them so). Debezium 3.6 loses the rest of a group of changes
 * that share one LSN when it restarts from an offset inside the group (debezium/dbz#1554, fixed in 3.7, which Maven
 * Central does not serve in full): safe here because every outbox row gets its own WAL record and LSN, for single
 * INSERTs by nature and for COPY by order-service's no-op row trigger.
 */
class OutboxTransactionIntegrationTests extends WithRelayProcesses {

    private static final Duration PATIENCE = Duration.ofSeconds(120);
    private static final int ROWS = 500;

    private final PostgresServer postgres = SharedInfrastructure.get().postgres();

    @Test
    void everyRowOfOneTransactionArrivesWhenTheRelayIsKilledBetweenThemAndStartedAgain() throws Exception {
        // given a relay process that commits its offset after every single change
        Map<String, Object> properties = RelayProcess.ordersProperties();
        properties.put("checkout.relay.max-batch-size", 1);
        properties.put("checkout.relay.offset-flush-interval", "0ms");
        String aggregateId = UUID.randomUUID().toString();
        long lsnBefore;
        long lsnAfter;
        int publishedWhenKilled;
        try (RelayProcess first = RelayProcess.start("transaction-first", properties)) {
            awaitState(first, "RUNNING");

            // when one transaction writes many outbox rows, and the relay is killed while it streams them
            lsnBefore = currentLsn();
            List<String> eventIds = writeInOneTransaction(aggregateId, ROWS);
            lsnAfter = currentLsn();
            // A fifth of them: the offsets of the first ones have been committed by then.
            await().atMost(PATIENCE).pollInterval(Duration.ofMillis(20))
                    .until(() -> ordersTopic.eventsOf(List.of(aggregateId)).size() >= ROWS / 5);
            first.kill();
            publishedWhenKilled = ordersTopic.pollToTheEnd().stream()
                    .filter(record -> record.key().equals(aggregateId)).map(OrdersTopic::eventId)
                    .collect(java.util.stream.Collectors.toSet()).size();

            // the kill fell between the rows of the transaction, after an offset inside it was committed
            assertThat(publishedWhenKilled).isBetween(ROWS / 5, ROWS - 1);
            String committed = committedOffset();
            assertThat(JsonMapper.shared().readTree(committed).path("lsn_proc").asLong())
                    .as("the last processed change of the committed offset %s lies inside the transaction", committed)
                    .isBetween(lsnBefore, lsnAfter);

            // then a relay started again publishes every row
            String killedAfter = "one transaction of %d outbox rows, relay killed after %d of them"
                    .formatted(ROWS, publishedWhenKilled);
            try (RelayProcess second = RelayProcess.start("transaction-second", RelayProcess.ordersProperties())) {
                await().atMost(PATIENCE).untilAsserted(() -> assertThat(ordersTopic.eventsOf(List.of(aggregateId))
                        .stream().map(OrdersTopic::eventId).distinct()).as(killedAfter)
                        .containsExactlyInAnyOrderElementsOf(eventIds));
                second.stop();
            }
        }
    }

    @Test
    void rowsCopiedIntoTheOutboxEachGetTheirOwnWalPositionWhileRowsCopiedElsewhereShareOne() throws Exception {
        try (Connection connection = openConnection(); Statement sql = connection.createStatement()) {
            // given a temporary slot of our own and a table without the outbox's trigger, both decoded by pgoutput
            sql.execute("CREATE TABLE IF NOT EXISTS copy_without_trigger (id int)");
            sql.execute("DROP PUBLICATION IF EXISTS copy_check");
            sql.execute("CREATE PUBLICATION copy_check FOR TABLE outbox, copy_without_trigger");
            sql.execute("SELECT pg_create_logical_replication_slot('copy_check', 'pgoutput', true)");

            // when both get five rows with COPY, which writes one multi-insert WAL record where it can
            String aggregateId = UUID.randomUUID().toString();
            StringBuilder outboxRows = new StringBuilder();
            for (int i = 0; i < 5; i++) {
                outboxRows.append(UUID.randomUUID()).append("\torders\t").append(aggregateId).append('\t')
                        .append(OrderPlaced.TYPE).append('\t').append("{\"orderId\": \"").append(aggregateId)
                        .append("\", \"copied\": ").append(i).append("}\n");
            }
            var copy = connection.unwrap(PGConnection.class).getCopyAPI();
            copy.copyIn("COPY outbox (id, aggregate_type, aggregate_id, event_type, payload) FROM STDIN",
                    new StringReader(outboxRows.toString()));
            copy.copyIn("COPY copy_without_trigger (id) FROM STDIN", new StringReader("1\n2\n3\n4\n5\n"));

            // then each outbox row is a change with an LSN of its own; without the trigger they share one
            List<long[]> inserts = new ArrayList<>();
            try (ResultSet changes = sql.executeQuery("""
                    SELECT lsn - '0/0'::pg_lsn, get_byte(data, 0), get_byte(data, 1)::bigint * 16777216
                           + get_byte(data, 2) * 65536 + get_byte(data, 3) * 256 + get_byte(data, 4)
                    FROM pg_logical_slot_peek_binary_changes('copy_check', NULL, NULL,
                         'proto_version', '1', 'publication_names', 'copy_check')""")) {
                while (changes.next()) {
                    if (changes.getInt(2) == 'I') {
                        inserts.add(new long[] {changes.getLong(1), changes.getLong(3)});
                    }
                }
            }
            long outboxRelation = relationId(sql, "outbox");
            assertThat(inserts.stream().filter(i -> i[1] == outboxRelation).map(i -> i[0]).distinct()).hasSize(5);
            assertThat(inserts.stream().filter(i -> i[1] != outboxRelation).map(i -> i[0]).distinct()).hasSize(1);
            sql.execute("SELECT pg_drop_replication_slot('copy_check')");
            sql.execute("DROP PUBLICATION copy_check");
        }
    }

    private static long relationId(Statement sql, String table) throws Exception {
        try (ResultSet oid = sql.executeQuery("SELECT '" + table + "'::regclass::oid")) {
            oid.next();
            return oid.getLong(1);
        }
    }

    /** Separate INSERTs in one transaction, as the services' outbox writers do. */
    private List<String> writeInOneTransaction(String aggregateId, int rows) throws Exception {
        List<String> eventIds = new ArrayList<>();
        try (Connection connection = openConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement insert = connection.prepareStatement("""
                    INSERT INTO outbox (id, aggregate_type, aggregate_id, event_type, payload)
                    VALUES (?::uuid, 'orders', ?, ?, ?::jsonb)""")) {
                for (int i = 0; i < rows; i++) {
                    String eventId = UUID.randomUUID().toString();
                    insert.setString(1, eventId);
                    insert.setString(2, aggregateId);
                    insert.setString(3, OrderPlaced.TYPE);
                    insert.setString(4, "{\"orderId\": \"" + aggregateId + "\", \"row\": " + i + "}");
                    insert.executeUpdate();
                    eventIds.add(eventId);
                }
            }
            connection.commit();
        }
        return eventIds;
    }

    private long currentLsn() {
        return orderService.database().sql("SELECT pg_current_wal_lsn() - '0/0'::pg_lsn").query(Long.class).single();
    }

    /**
     * The orders source's last committed offset, read from the relay's offsets topic: Debezium's {@code lsn_proc}
     * is the last change it had processed, {@code lsn_commit} the commit of its transaction.
     */
    private String committedOffset() {
        try (KafkaConsumer<String, String> offsets = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedInfrastructure.get().kafka().bootstrapServers(),
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class))) {
            TopicPartition partition = new TopicPartition("outbox-relay.offsets", 0);
            offsets.assign(List.of(partition));
            offsets.seekToBeginning(List.of(partition));
            long end = offsets.endOffsets(List.of(partition)).get(partition);
            String last = null;
            while (offsets.position(partition) < end) {
                for (ConsumerRecord<String, String> record : offsets.poll(Duration.ofMillis(500))) {
                    if (record.key().contains("\"outbox-relay\"") && record.value() != null) {
                        last = record.value();
                    }
                }
            }
            assertThat(last).as("a committed offset of the orders source").isNotNull();
            return last;
        }
    }

    private Connection openConnection() throws Exception {
        return DriverManager.getConnection(postgres.jdbcUrl("orders"), postgres.username(), postgres.password());
    }
}
