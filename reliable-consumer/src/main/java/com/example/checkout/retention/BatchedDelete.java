package com.example.checkout.retention;

import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Deletes the rows of {@code table} that match {@code where}, oldest ({@code orderBy}) first, {@code batchSize} per
 * statement, until a statement deletes fewer: each statement commits on its own (call it outside a transaction), so
 * a large backlog never holds long locks or writes one huge WAL record. The one copy of this loop for every
 * retention job (the consumers' tables, the order service's outbox and idempotency keys).
 *
 * @param key the table's key column(s), e.g. {@code id} or {@code customer_id, idempotency_key}
 * @param where the condition with named parameters, e.g. {@code created_at < :cutoff}
 */
public record BatchedDelete(String table, String key, String where, String orderBy) {

    /** What one run deleted, and in how many statements. */
    public record Deleted(long rows, int batches) {
    }

    public Deleted run(JdbcClient database, Map<String, ?> parameters, int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be at least 1, was " + batchSize);
        }
        String statement = "DELETE FROM " + table + " WHERE (" + key + ") IN (SELECT " + key + " FROM " + table
                + " WHERE " + where + " ORDER BY " + orderBy + " LIMIT :batchSize)";
        long deleted = 0;
        int batches = 0;
        int batch;
        do {
            batch = database.sql(statement).params(parameters).param("batchSize", batchSize).update();
            deleted += batch;
            batches++;
        } while (batch == batchSize);
        return new Deleted(deleted, batches);
    }
}
