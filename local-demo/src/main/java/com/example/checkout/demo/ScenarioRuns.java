package com.example.checkout.demo;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The scenarios started from the console ({@code POST /demo/scenarios/{name}}) in the running demo: one run at a
 * time of any of them, since each counts every order, email and payment while it runs; on its own thread; the
 * table it printed kept for {@code GET /demo/scenarios/{name}}.
 */
final class ScenarioRuns {

    /** A scenario given where to print its table; true if its invariants held. */
    private final Map<String, Predicate<PrintStream>> scenarios;
    private final Map<String, Run> runs = new LinkedHashMap<>();
    private String running;

    ScenarioRuns(LocalSystem system, ScenarioSettings settings) {
        this.scenarios = Map.of(
                EmailOutageScenario.NAME, out -> new EmailOutageScenario(system, settings, out).run(),
                SoldOutScenario.NAME, out -> new SoldOutScenario(system, settings, out).run());
        // The order the console lists them in.
        runs.put(EmailOutageScenario.NAME, Run.IDLE);
        runs.put(SoldOutScenario.NAME, Run.IDLE);
    }

    private record Run(String state, ByteArrayOutputStream output, Boolean held) {

        static final Run IDLE = new Run("idle", new ByteArrayOutputStream(), null);

        Map<String, Object> status() {
            Map<String, Object> status = new LinkedHashMap<>();
            status.put("state", state);
            status.put("output", output.toString(StandardCharsets.UTF_8));
            status.put("held", held);
            return status;
        }
    }

    boolean knows(String name) {
        return scenarios.containsKey(name);
    }

    /** Starts a run of this scenario unless one of any scenario is running; false if one was. */
    synchronized boolean start(String name) {
        if (running != null) {
            return false;
        }
        Predicate<PrintStream> scenario = scenarios.get(name);
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8);
        running = name;
        runs.put(name, new Run("running", output, null));
        Thread runner = new Thread(() -> {
            boolean held = false;
            try {
                held = scenario.test(out);
            } catch (RuntimeException failed) {
                out.println("The scenario failed: " + failed.getMessage());
            } finally {
                finished(name, output, held);
            }
        }, "demo-scenario-" + name);
        // The fat jar's classes, as for the fault switches' own thread.
        runner.setContextClassLoader(ScenarioRuns.class.getClassLoader());
        runner.setDaemon(true);
        runner.start();
        return true;
    }

    private synchronized void finished(String name, ByteArrayOutputStream output, boolean held) {
        runs.put(name, new Run("finished", output, held));
        running = null;
    }

    /** Its state ({@code idle}, {@code running}, {@code finished}), what it printed so far and whether it held. */
    synchronized Map<String, Object> status(String name) {
        return runs.get(name).status();
    }

    /** Every scenario's {@link #status(String)}, by name. */
    synchronized Map<String, Map<String, Object>> statuses() {
        Map<String, Map<String, Object>> all = new LinkedHashMap<>();
        runs.forEach((name, run) -> all.put(name, run.status()));
        return all;
    }
}
