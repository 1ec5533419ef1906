package com.example.checkout.chaos;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** Faults at fractions of the run, each on a thread of its own so a slow restart does not delay the next fault. */
final class ChaosSchedule {

    private final Duration run;
    private final List<Fault> faults = new ArrayList<>();

    private ChaosSchedule(Duration run) {
        this.run = run;
    }

    static ChaosSchedule of(Duration run) {
        return new ChaosSchedule(run);
    }

    ChaosSchedule at(double fraction, String name, Runnable action) {
        return after(Duration.ofMillis((long) (run.toMillis() * fraction)), name, action);
    }

    /** A fault at a fixed time from the start, e.g. the end of an outage of a fixed length. */
    ChaosSchedule after(Duration at, String name, Runnable action) {
        faults.add(new Fault(at, name, action));
        return this;
    }

    /** Runs every fault at its time on a scheduler; returns when all have ended, having logged each with its time. */
    void run(Consumer<String> log) throws InterruptedException, ExecutionException {
        long start = System.nanoTime();
        ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(faults.size());
        try {
            List<ScheduledFuture<?>> scheduled = new ArrayList<>();
            for (Fault fault : faults) {
                scheduled.add(scheduler.schedule(() -> {
                    log.accept(String.format("%6.1f s  %s", (System.nanoTime() - start) / 1e9, fault.name()));
                    fault.action().run();
                }, fault.at().toMillis(), TimeUnit.MILLISECONDS));
            }
            for (ScheduledFuture<?> fault : scheduled) {
                fault.get();
            }
        } finally {
            scheduler.shutdownNow();
        }
    }

    private record Fault(Duration at, String name, Runnable action) {
    }
}
