package com.example.checkout.benchmark;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The demo, started from its jar as its own process (the load never shares a JVM with what it measures), with its
 * log in a file. Its CPU time and resident memory are read from {@code /proc}, so they are the demo's own.
 */
final class DemoProcess implements AutoCloseable {

    /** Linux' clock ticks per second for /proc/<pid>/stat (USER_HZ; 100 on every mainstream kernel). */
    private static final double TICKS_PER_SECOND = 100.0;

    private final Process process;

    private DemoProcess(Process process) {
        this.process = process;
    }

    /** Starts the demo and waits until it says it is up; its output goes to {@code log}. */
    static DemoProcess start(BenchmarkOptions options, Path log, List<String> jvmOptions) {
        if (!Files.isRegularFile(options.demoJar())) {
            throw new IllegalStateException("No demo jar at " + options.demoJar()
                    + ": build it first with ./mvnw -q -DskipTests package");
        }
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", options.demoJar().toString(), "--port-offset=" + options.portOffset()));
        try {
            Files.createDirectories(log.getParent());
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            DemoProcess demo = new DemoProcess(process);
            CompletableFuture<Boolean> up = new CompletableFuture<>();
            Thread.ofPlatform().daemon().name("demo-log").start(() -> copyOutput(process, log, up));
            if (!up.get(180, TimeUnit.SECONDS)) {
                throw new IllegalStateException("The demo exited before it was up; see " + log);
            }
            return demo;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException("The demo did not come up; see " + log, e);
        }
    }

    private static void copyOutput(Process process, Path log, CompletableFuture<Boolean> up) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
             PrintWriter file = new PrintWriter(Files.newBufferedWriter(log), true)) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                file.println(line);
                if (line.contains("Checkout on Kafka is up")) {
                    up.complete(true);
                }
            }
        } catch (IOException e) {
            // The demo is gone; whoever waits learns it below.
        }
        up.complete(false);
    }

    long pid() {
        return process.pid();
    }

    /** User plus system CPU the demo's JVM has used so far, in seconds. */
    double cpuSeconds() {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
            // Fields after the command name, which is in parentheses and may contain spaces.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS_PER_SECOND;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The demo JVM's resident memory now, in MiB. */
    long residentMebibytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
                }
            }
            return -1;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops the demo as Ctrl-C would, so it removes its temporary data. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
