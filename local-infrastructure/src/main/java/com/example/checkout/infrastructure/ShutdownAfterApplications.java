package com.example.checkout.infrastructure;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * JVM shutdown hooks that stop infrastructure only after the applications running on it have closed.
 *
 * <p>The JVM runs all shutdown hooks at once. Stopping the broker under services that are still closing makes each of
 * their Kafka consumers wait 30 s for a coordinator that is gone, and stopping Postgres fails their last commits. So
 * these hooks wait until the JVM has started every hook, then for Spring's hooks, which close the applications.
 */
final class ShutdownAfterApplications {

    /** The threads in which Spring Boot and Spring Framework close application contexts at JVM exit. */
    private static final Set<String> APPLICATION_SHUTDOWN_HOOKS =
            Set.of("SpringApplicationShutdownHook", "SpringContextShutdownHook");
    private static final Duration APPLICATION_SHUTDOWN_TIMEOUT = Duration.ofSeconds(60);

    private ShutdownAfterApplications() {
    }

    /** A hook (to add with {@link Runtime#addShutdownHook}) that runs {@code stop} once the applications have closed. */
    static Thread hook(String name, Runnable stop) {
        return new Thread(() -> {
            awaitAllShutdownHooksStarted();
            awaitApplicationsClosed();
            stop.run();
        }, name);
    }

    private static void awaitApplicationsClosed() {
        long deadline = System.nanoTime() + APPLICATION_SHUTDOWN_TIMEOUT.toNanos();
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (APPLICATION_SHUTDOWN_HOOKS.contains(thread.getName())) {
                try {
                    thread.join(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /**
     * The JVM starts the hooks one after the other, then joins them: once the thread running the hooks joins, every
     * hook thread exists. Bounded, in case a JVM runs its hooks differently.
     */
    private static void awaitAllShutdownHooksStarted() {
        long deadline = System.nanoTime() + Duration.ofSeconds(1).toNanos();
        while (!isJoiningShutdownHooks() && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
    }

    private static boolean isJoiningShutdownHooks() {
        return Thread.getAllStackTraces().values().stream().anyMatch(stack -> {
            List<StackTraceElement> frames = Arrays.asList(stack);
            return frames.stream().anyMatch(frame -> frame.getClassName().equals("java.lang.ApplicationShutdownHooks")
                    && frame.getMethodName().equals("runHooks"))
                    && frames.stream().anyMatch(frame -> frame.getClassName().equals("java.lang.Thread")
                    && frame.getMethodName().equals("join"));
        });
    }
}
