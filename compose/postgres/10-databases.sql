-- Runs once, when the postgres container initialises an empty data volume
-- (docker-entrypoint-initdb.d). One database per service; 20-service-roles.sql gives each to its own role.
-- Tables, the outbox publication and the replication slot come from the services' Flyway migrations.
CREATE DATABASE orders;
CREATE DATABASE email;
CREATE DATABASE inventory;
CREATE DATABASE analytics;
-- The payment provider simulator's ledger: it stands in for a third party, so it shares nothing with the checkout.
CREATE DATABASE payments;
