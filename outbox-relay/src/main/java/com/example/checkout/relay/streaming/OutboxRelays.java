package com.example.checkout.relay.streaming;

import java.util.List;
import java.util.NoSuchElementException;

import org.springframework.context.SmartLifecycle;

/**
 * The relays of every configured source, started and stopped together and otherwise independent: each has its
 * own engine, slot, offsets and leader lock, so one source's database being down leaves the others streaming.
 */
public class OutboxRelays implements SmartLifecycle {

    private final List<OutboxRelay> relays;
    private final boolean autoStartup;
    private volatile boolean running;

    OutboxRelays(List<OutboxRelay> relays, boolean autoStartup) {
        this.relays = List.copyOf(relays);
        this.autoStartup = autoStartup;
    }

    @Override
    public boolean isAutoStartup() {
        return autoStartup;
    }

    public List<OutboxRelay> all() {
        return relays;
    }

    /** The relay of the source named {@code name} ({@code orders}, or a key of {@code checkout.relay.sources}). */
    public OutboxRelay source(String name) {
        return relays.stream().filter(relay -> relay.source().name().equals(name)).findFirst()
                .orElseThrow(() -> new NoSuchElementException("no relay source '" + name + "'"));
    }

    @Override
    public void start() {
        relays.forEach(OutboxRelay::startObserving);
        relays.forEach(OutboxRelay::start);
        running = true;
    }

    @Override
    public void stop() {
        // In parallel: each waits for its batch in flight to finish.
        relays.parallelStream().forEach(OutboxRelay::stop);
        running = false;
    }

    /** Releases the connections of every source at shutdown, whether or not the relays ever streamed. */
    void close() {
        relays.forEach(OutboxRelay::close);
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
