/**
 * Credentials on the services' admin endpoints ({@code /dlt/**}): HTTP Basic with {@code checkout.admin.*},
 * everything else (the shopper API, health, metrics) open.
 */
package com.example.checkout.consumer.admin;
