package com.example.checkout.relay.streaming;

import java.time.Duration;
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
import org.springframework.context.SmartLifecycle;

/**
 * The relay's lifecycle: wait for the leader lock, then run the Debezium engine with an {@link OutboxPublisher}
 * until stopped. A failed engine run (database or Kafka unreachable for too long) is retried after
 * {@link RelayProperties#restartBackoff()}; losing the lock's session stops the engine at once, because another
 * instance may already be taking over.
 *
 * <p>{@link #stop()} is graceful: the batch in flight finishes and its offsets are committed. {@link #crash()}
 * is the fault the tests and the demo inject: the relay dies in the at-least-once window, after Kafka acknowledged
 * records and before their offsets are committed, as if the process had been killed there.
 */
public class OutboxRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(30);
    /** How long an abrupt stop waits for a batch to die in; an idle relay is simply killed afterwards. */
    private static final Duration CRASH_WINDOW = Duration.ofSeconds(2);

    private final Properties engineSettings;
    private final String changeTopicPrefix;
    private final Supplier<Producer<String, String>> producers;
    private final Runnable preflight;
    private final LeaderLock leaderLock;
    private final RelayMetrics metrics;
    private final RelayTracing tracing;
    private final RelayProperties properties;

    private volatile RelayState state = RelayState.of(Phase.STOPPED);
    private boolean running;
    private ScheduledExecutorService control;
    private ExecutorService engineThread;
    private EngineRun current;

    /**
     * @param preflight runs before each engine start, after the leader lock is taken: checks the replication slot
     *         and declares the topics the relay publishes to (a broker that was down when the service started
     *         still gets them); throwing makes the run fail and be retried
     */
    OutboxRelay(Properties engineSettings, Supplier<Producer<String, String>> producers,
            Runnable preflight, LeaderLock leaderLock, RelayMetrics metrics, RelayTracing tracing,
            RelayProperties properties) {
        this.engineSettings = engineSettings;
        this.changeTopicPrefix = engineSettings.getProperty("topic.prefix");
        this.producers = producers;
        this.preflight = preflight;
        this.leaderLock = leaderLock;
        this.metrics = metrics;
        this.tracing = tracing;
        this.properties = properties;
    }

    public RelayState state() {
        return state;
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        control = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("outbox-relay-control").factory());
        engineThread = Executors.newSingleThreadExecutor(Thread.ofPlatform().name("outbox-relay-engine").factory());
        state = RelayState.of(Phase.STANDBY);
        control.execute(this::tryToLead);
    }

    @Override
    public void stop() {
        shutDown(false);
    }

    /**
     * Stops abruptly, as a killed process would: the next batch dies after Kafka acknowledged its first record and
     * before any of its offsets is committed (an idle relay is killed after a moment). {@link #start()} afterwards
     * resumes from the committed offsets and publishes that batch again: duplicates, never a loss.
     */
    public void crash() {
        shutDown(true);
    }

    @Override
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
            log.info("Took the relay leader lock; starting to stream the outbox");
            preflight.run();
            startEngine();
        } catch (RuntimeException e) {
            log.error("Could not start streaming the outbox; retrying in {}", properties.restartBackoff(), e);
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

    /** Runs on the control thread while an engine streams. */
    private void checkLeadership() {
        EngineRun run;
        synchronized (this) {
            run = current;
        }
        if (run != null && !leaderLock.isHeld()) {
            log.error("Lost the relay leader lock's database session; stopping the engine at once");
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
            log.error("The outbox relay engine stopped unexpectedly; restarting it in {}", properties.restartBackoff(),
                    failure);
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

    private void shutDown(boolean abruptly) {
        EngineRun run;
        synchronized (this) {
            if (!running) {
                return;
            }
            running = false;
            run = current;
        }
        if (run != null) {
            if (abruptly) {
                log.warn("Stopping the outbox relay abruptly, in the middle of its next batch");
                run.publisher.abandon();
                run.awaitStopped(CRASH_WINDOW);
                run.kill();
            } else {
                closeEngine(run);
            }
            run.awaitStopped();
        }
        synchronized (this) {
            control.shutdownNow();
            engineThread.shutdownNow();
            leaderLock.release();
            state = RelayState.of(Phase.STOPPED);
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
        private final OutboxEventRouting routing = new OutboxEventRouting(changeTopicPrefix);
        private final OutboxPublisher publisher;
        private final CompletableFuture<Void> stopped = new CompletableFuture<>();
        private final AtomicBoolean finishing = new AtomicBoolean();

        private DebeziumEngine<ChangeEvent<SourceRecord, SourceRecord>> engine;
        private ScheduledFuture<?> leadershipCheck;

        EngineRun(Producer<String, String> producer) {
            this.producer = producer;
            this.publisher = new OutboxPublisher(producer, routing, metrics, tracing);
        }

        void start() {
            try {
                engine = DebeziumEngine.create(Connect.class)
                        .using(engineSettings)
                        .using(new DebeziumEngine.ConnectorCallback() {
                            @Override
                            public void pollingStarted() {
                                state = RelayState.of(Phase.RUNNING);
                                log.info("The outbox relay is streaming");
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
            publisher.abandon();
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
            routing.close();
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
}
