/**
 * The published contract between the checkout services: immutable event records, the topic they travel on,
 * the CloudEvents header names and the one JSON mapping everybody uses. Depends on nothing but Jackson.
 */
package com.example.checkout.events;
