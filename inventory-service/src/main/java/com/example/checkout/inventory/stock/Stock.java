package com.example.checkout.inventory.stock;

import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class Stock {

    private final JdbcClient jdbc;

    Stock(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<StockLevel> level(String sku) {
        return jdbc.sql("SELECT sku, available FROM stock WHERE sku = ?").param(sku).query(StockLevel.class).optional();
    }

    /** Locks the row for the rest of the transaction, so two orders cannot both take the last unit. */
    public Optional<Integer> lockAvailable(String sku) {
        return jdbc.sql("SELECT available FROM stock WHERE sku = ? FOR UPDATE").param(sku).query(Integer.class).optional();
    }

    public void take(String sku, int quantity) {
        jdbc.sql("UPDATE stock SET available = available - ? WHERE sku = ?").params(quantity, sku).update();
    }

    public void giveBack(String sku, int quantity) {
        jdbc.sql("UPDATE stock SET available = available + ? WHERE sku = ?").params(quantity, sku).update();
    }
}
