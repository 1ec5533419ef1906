package com.example.checkout.consumer.outage;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code checkout.consumer.outage.*}: pausing the group while a dependency is down.
 *
 * @param enabled pause on an outage (the default); off, every record goes through the retry topics to the DLT as
 *                any failure does
 * @param probeInterval how often a paused group probes the dependency that is down
 */
@ConfigurationProperties("checkout.consumer.outage")
public record OutageProperties(@DefaultValue("true") boolean enabled, @DefaultValue("1s") Duration probeInterval) {
}
