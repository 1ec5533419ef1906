/**
 * Waiting out a dependency outage: when the SMTP server or the database is down for every record, the group's
 * containers pause instead of pushing each record through the retry topics to the DLT, and resume once a probe
 * finds the dependency answering.
 */
package com.example.checkout.consumer.outage;
