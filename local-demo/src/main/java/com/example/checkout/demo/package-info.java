/**
 * The one-command local demo: real Postgres, Kafka and SMTP plus the five services, each in its own Spring
 * application context with its own configuration file, and demo-only switches to break them on purpose.
 */
package com.example.checkout.demo;
