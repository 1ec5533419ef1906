package com.example.checkout.demo;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The email-outage scenario started from the console ({@code POST /demo/scenarios/email-outage}) in the running
 * demo: one run at a time, on its own thread, its printed table kept for {@code GET /demo/scenarios/email-outage}.
 */
final class ScenarioRun {

    private final LocalSystem system;
    private final ScenarioSettings settings;
    private ByteArrayOutputStream output = new ByteArrayOutputStream();
    private String state = "idle";
    private Boolean held;

    ScenarioRun(LocalSystem system, ScenarioSettings settings) {
        this.system = system;
        this.settings = settings;
    }

    /** Starts a run unless one is running; false if one was. */
    synchronized boolean start() {
        if (state.equals("running")) {
            return false;
        }
        output = new ByteArrayOutputStream();
        state = "running";
        held = null;
        PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8);
        Thread runner = new Thread(() -> {
            boolean result = false;
            try {
                result = new EmailOutageScenario(system, settings, out).run();
            } catch (RuntimeException failed) {
                out.println("The scenario failed: " + failed.getMessage());
            } finally {
                finished(result);
            }
        }, "demo-scenario-email-outage");
        // The fat jar's classes, as for the fault switches' own thread.
        runner.setContextClassLoader(ScenarioRun.class.getClassLoader());
        runner.setDaemon(true);
        runner.start();
        return true;
    }

    private synchronized void finished(boolean result) {
        held = result;
        state = "finished";
    }

    synchronized Map<String, Object> status() {
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("state", state);
        status.put("output", output.toString(StandardCharsets.UTF_8));
        status.put("held", held);
        return status;
    }
}
