/**
 * Real Postgres, Kafka and SMTP for the local demo and the tests: in-process when no Docker engine is present, one set per JVM.
 */
package com.example.checkout.infrastructure;
