/**
 * An order's journey: what each service says it did for one order, put on one timeline. Every step's time is the
 * time that service recorded; nothing is inferred from the console's own clock.
 */
package com.example.checkout.console.journey;
