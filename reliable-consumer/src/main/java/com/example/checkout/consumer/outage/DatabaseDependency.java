package com.example.checkout.consumer.outage;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The group's own database: connections refused or lost (SQLState class 08, 57P0x: the server shutting down). */
public class DatabaseDependency implements Dependency {

    private final JdbcClient jdbc;

    public DatabaseDependency(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public String name() {
        return "database";
    }

    @Override
    public boolean isDown(Throwable failure) {
        if (Dependency.causedBy(failure, DataAccessResourceFailureException.class, SQLTransientConnectionException.class)) {
            return true;
        }
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P0"))) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void probe() {
        jdbc.sql("SELECT 1").query(Integer.class).single();
    }
}
