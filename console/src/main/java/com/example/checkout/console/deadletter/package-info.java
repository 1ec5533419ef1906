/** Dead letters per consumer group, listed and replayed through each consumer's own admin API. */
package com.example.checkout.console.deadletter;
