/**
 * Trace mechanics of the consumers: span names and attributes after the OpenTelemetry messaging conventions for
 * the listener's and the retry/DLT publisher's observations, and the span of a DLT replay.
 */
package com.example.checkout.consumer.tracing;
