package com.example.checkout.payment.provider.balance;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The totals of the ledger, read in one statement so captures and refunds are from the same moment. */
@Service
class Ledger {

    private final JdbcClient jdbc;

    Ledger(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional(readOnly = true)
    Balance balance() {
        return jdbc.sql("""
                        SELECT (SELECT count(*) FROM charges WHERE status = 'succeeded') AS captures,
                               (SELECT coalesce(sum(amount), 0) FROM charges WHERE status = 'succeeded') AS captured_amount,
                               (SELECT count(*) FROM refunds) AS refunds,
                               (SELECT coalesce(sum(amount), 0) FROM refunds) AS refunded_amount
                        """)
                .query((row, number) -> new Balance(row.getLong("captures"), row.getLong("captured_amount"),
                        row.getLong("refunds"), row.getLong("refunded_amount")))
                .single();
    }
}
