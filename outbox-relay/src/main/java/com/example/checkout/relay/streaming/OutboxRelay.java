package com.example.checkout.relay.streaming;

import java.time.Duration;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import com.example.checkout.relay.leadership.LeaderLock;
import com.example.checkout.relay.streaming.RelayState.Phase;
import io.debezium.embedded.Connect;
import io.debezium.engine.ChangeEvent;
import io.debezium.engine.DebeziumEngine;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.connect.source.SourceRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The relay of one source database: wait for the source's leader lock, then run the Debezium engine with an
 * {@link OutboxPublisher} until stopped. A failed engine run (database or Kafka unreachable for too long) is
 * retried after {@link RelayProperties#restartBackoff()}; losing the lock's session stops the engine at once,
 * because another instance may already be taking over. Each source has its own, so one source failing does not
 * stop the others ({@link OutboxRelays}).
 *
 * <p>{@link #stop()} is graceful: the batch in flight finishes and its offsets are committed. Abrupt stops are
 * what a killed process does; the tests kill real relay processes for that.
 */
public class OutboxRelay {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(30);

    private final RelaySource source;
    private final Properties engineSettings;
    private final Supplier<Producer<String, String>> producers;
    private final Runnable preflight;
    private final LeaderLock leaderLock;
    private final ParkedEvents parked;
    private final ReplicationSlotCheck slotCheck;
    private final RelayMetrics metrics;
    private final RelayTracing tracing;
    private final RelayProperties properties;

    private volatile RelayState state = RelayState.of(Phase.STOPPED);
    private volatile Optional<ParkedEvents.Waiting> waitingParked = Optional.empty();
    /** The slot as last seen; empty until seen, or when it does not exist ({@link #slotMissing}). */
    private volatile Optional<ReplicationSlotCheck.SlotStatus> slot = Optional.empty();
    private volatile boolean slotMissing;
    private volatile boolean parkingAvailable = true;
    private boolean running;
    private ScheduledExecutorService control;
    /** Looks at the source database for health and metrics; never delays the control thread's leadership checks. */
    private ScheduledExecutorService observer;
    private ExecutorService engineThread;
    private EngineRun current;

    /**
     * @param preflight runs before each engine start, after the leader lock is taken: checks the replication slot
     *         and declares the topics the relay publishes to (a broker that was down when the service started
     *         still gets them); throwing makes the run fail and be retried
     */
    OutboxRelay(RelaySource source, Properties engineSettings, Supplier<Producer<String, String>> producers,
            Runnable preflight, LeaderLock leaderLock, ParkedEvents parked, RelayMetrics metrics,
            RelayTracing tracing, RelayProperties properties) {
        this.source = source;
        this.engineSettings = engineSettings;
        this.producers = producers;
        this.preflight = preflight;
        this.leaderLock = leaderLock;
        this.parked = parked;
        this.slotCheck = new ReplicationSlotCheck(source);
        this.metrics = metrics;
        this.tracing = tracing;
        this.properties = properties;
    }

    public RelaySource source() {
        return source;
    }

    public RelayState state() {
        return state;
    }

    ParkedEvents parked() {
        return parked;
    }

    /** The parked rows waiting for a replay, as last seen (empty until the source database answered once). */
    Optional<ParkedEvents.Waiting> waitingParked() {
        return waitingParked;
    }

    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        control = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("outbox-relay-" + source.name() + "-control").factory());
        engineThread = Executors.newSingleThreadExecutor(
                Thread.ofPlatform().name("outbox-relay-" + source.name() + "-engine").factory());
        state = RelayState.of(Phase.STANDBY);
        control.execute(this::tryToLead);
    }

    public void stop() {
        EngineRun run;
        synchronized (this) {
            if (!running) {
                return;
            }
            running = false;
            run = current;
        }
        if (run != null) {
            closeEngine(run);
            run.awaitStopped();
        }
        synchronized (this) {
            control.shutdownNow();
            engineThread.shutdownNow();
            leaderLock.release();
            state = RelayState.of(Phase.STOPPED);
        }
    }

    public synchronized boolean isRunning() {
        return running;
    }

    /** Runs on the control thread. */
    private void tryToLead() {
        if (!isRunning()) {
            return;
        }
        try {
            if (!leaderLock.tryAcquire()) {
                state = RelayState.of(Phase.STANDBY);
                control.schedule(this::tryToLead, properties.standbyRetryInterval().toMillis(), TimeUnit.MILLISECONDS);
                return;
            }
            log.info("Took the relay leader lock of source {}; starting to stream its outbox", source.name());
            preflight.run();
            startEngine();
        } catch (RuntimeException e) {
            log.error("Could not start streaming the outbox of source {}; retrying in {}", source.name(),
                    properties.restartBackoff(), e);
            leaderLock.release();
            retryAfterFailure(e);
        }
    }

    private synchronized void startEngine() {
        if (!running) {
            leaderLock.release();
            return;
        }
        state = RelayState.of(Phase.STARTING);
        EngineRun run = new EngineRun(producers.get());
        current = run;
        run.start();
    }

    /** The replication slot as last seen by this instance (leader or standby). */
    Optional<ReplicationSlotCheck.SlotStatus> slot() {
        return slot;
    }

    /** Whether the source database has the table to park poison rows in, as last seen. */
    boolean parkingAvailable() {
        return parkingAvailable;
    }

    /** Whether the slot was missing when last looked at. */
    boolean slotMissing() {
        return slotMissing;
    }

    /**
     * Starts looking at the source database (parked rows, the slot's retained WAL) every
     * {@code leadership-check-interval}, whether this instance streams or stands by: a standby reports a stalled
     * slot too, and a stopped relay is exactly when the slot's WAL grows.
     */
    synchronized void startObserving() {
        if (observer == null) {
            observer = Executors.newSingleThreadScheduledExecutor(
                    Thread.ofPlatform().name("outbox-relay-" + source.name() + "-observer").factory());
            observer.scheduleWithFixedDelay(this::observe, 0, properties.leadershipCheckInterval().toMillis(),
                    TimeUnit.MILLISECONDS);
        }
    }

    synchronized void close() {
        if (observer != null) {
            observer.shutdownNow();
            observer = null;
        }
        parked.close();
    }

    /** Runs on the observer thread. */
    private void observe() {
        try {
            parkingAvailable = parked.tableExists();
            if (parkingAvailable) {
                waitingParked = Optional.of(parked.waiting());
            }
        } catch (RuntimeException e) {
            log.debug("Cannot count the parked rows of source {}", source.name(), e);
        }
        try {
            Optional<ReplicationSlotCheck.SlotStatus> seen = slotCheck.status();
            slot = seen;
            slotMissing = seen.isEmpty();
            seen.ifPresent(metrics::slot);
        } catch (RuntimeException e) {
            log.debug("Cannot look at the replication slot of source {}", source.name(), e);
        }
    }

    /** Runs on the control thread while an engine streams. */
    private void checkLeadership() {
        EngineRun run;
        synchronized (this) {
            run = current;
        }
        if (run != null && !leaderLock.isHeld()) {
            log.error("Lost the leader lock's database session of source {}; stopping the engine at once",
                    source.name());
            state = RelayState.failed(new LeadershipLost(source.name()));
            run.kill();
        }
    }

    /** Called once per engine run, by the engine's completion callback or when its start failed. */
    private synchronized void engineStopped(EngineRun run, Throwable failure) {
        if (current == run) {
            current = null;
        }
        leaderLock.release();
        if (running) {
            log.error("The outbox relay engine of source {} stopped unexpectedly; restarting it in {}", source.name(),
                    properties.restartBackoff(), failure);
            retryAfterFailure(failure != null ? failure : new IllegalStateException("engine stopped unexpectedly"));
        } else {
            state = RelayState.of(Phase.STOPPED);
        }
    }

    private synchronized void retryAfterFailure(Throwable failure) {
        state = RelayState.failed(failure);
        if (running) {
            control.schedule(this::tryToLead, properties.restartBackoff().toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /**
     * Closes the engine, waiting while it is still starting its task: Debezium refuses to close then, to not leak
     * the connections being opened.
     */
    private static void closeEngine(EngineRun run) {
        long deadline = System.nanoTime() + SHUTDOWN_TIMEOUT.toNanos();
        while (run.engine != null && !run.stopped.isDone() && System.nanoTime() < deadline) {
            try {
                run.engine.close();
                return;
            } catch (IllegalStateException startingOrAlreadyStopping) {
                run.awaitStopped(Duration.ofMillis(100));
            } catch (Exception e) {
                log.warn("Closing the Debezium engine failed", e);
                return;
            }
        }
    }

    /** One engine with its own producer and publisher, from leader election to stop. */
    private final class EngineRun {

        private final Producer<String, String> producer;
        private final OutboxPublisher publisher;
        private final CompletableFuture<Void> stopped = new CompletableFuture<>();
        private final AtomicBoolean finishing = new AtomicBoolean();

        private DebeziumEngine<ChangeEvent<SourceRecord, SourceRecord>> engine;
        private ScheduledFuture<?> leadershipCheck;

        EngineRun(Producer<String, String> producer) {
            this.producer = producer;
            this.publisher = new OutboxPublisher(producer, new OutboxEventRouting(source), parked, metrics,
                    tracing, source.name());
        }

        void start() {
            try {
                engine = DebeziumEngine.create(Connect.class)
                        .using(engineSettings)
                        .using(new DebeziumEngine.ConnectorCallback() {
                            @Override
                            public void pollingStarted() {
                                state = RelayState.of(Phase.RUNNING);
                                log.info("The outbox relay is streaming source {}", source.name());
                            }
                        })
                        .using((success, message, failure) -> finished(failure))
                        .notifying(publisher)
                        .build();
                long checkEvery = properties.leadershipCheckInterval().toMillis();
                leadershipCheck = control.scheduleWithFixedDelay(OutboxRelay.this::checkLeadership, checkEvery,
                        checkEvery, TimeUnit.MILLISECONDS);
                engineThread.execute(engine);
            } catch (RuntimeException e) {
                // An invalid configuration has already been reported to the completion callback; finished()
                // runs once either way.
                finished(e);
            }
        }

        /** Stops the engine without finishing its batch or sending what the producer still buffers. */
        void kill() {
            if (stopped.isDone()) {
                return;
            }
            // Fails the acks the publisher waits for, so the batch in flight stops at once.
            producer.close(Duration.ZERO);
            closeEngine(this);
        }

        private void finished(Throwable failure) {
            // Not synchronized: it takes the relay's lock, which startEngine() holds while building the engine.
            if (!finishing.compareAndSet(false, true)) {
                return;
            }
            if (leadershipCheck != null) {
                leadershipCheck.cancel(false);
            }
            producer.close(Duration.ofSeconds(5));
            engineStopped(this, failure);
            stopped.complete(null);
        }

        void awaitStopped() {
            awaitStopped(SHUTDOWN_TIMEOUT);
        }

        void awaitStopped(Duration timeout) {
            try {
                stopped.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException e) {
                log.debug("The Debezium engine has not stopped yet", e);
            }
        }
    }

    /** The leader lock's session ended while this instance streamed: another instance may be leading now. */
    static final class LeadershipLost extends RuntimeException {

        LeadershipLost(String source) {
            super("lost the leader lock's database session of source " + source + "; a standby may take over");
        }
    }
}
