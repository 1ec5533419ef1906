package com.example.checkout.infrastructure;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes Postgres die with the JVM that started it, however the JVM dies. Postgres is a separate process, so a
 * SIGKILLed JVM (kill -9, an IDE's stop button, a test timeout) would leave it holding its port and data directory.
 * The watchdog is a shell that blocks reading its standard input, a pipe from this JVM: the kernel closes the pipe
 * when the JVM dies, the read returns, and the shell stops that Postgres (fast shutdown: committed data is kept)
 * and, for a temporary directory, deletes the data. It costs no CPU while it waits. On a normal stop the JVM ends
 * the watchdog first and stops Postgres itself.
 */
final class PostgresWatchdog implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PostgresWatchdog.class);

    // $1 postmaster pid, $2 its data directory (only a postgres serving it is stopped: pids are reused),
    // $3 a directory to delete afterwards, or empty.
    private static final String SCRIPT = """
            read -r _
            if grep -qaF -- "$2" /proc/$1/cmdline 2>/dev/null; then
              kill -INT "$1"
              while kill -0 "$1" 2>/dev/null; do sleep 0.1; done
            fi
            if [ -n "$3" ]; then rm -rf -- "$3"; fi
            """;

    private final Process shell;

    private PostgresWatchdog(Process shell) {
        this.shell = shell;
    }

    /**
     * Guards the Postgres serving {@code postgresData}; deletes {@code temporaryDirectory} (may be {@code null})
     * after stopping it. Without a POSIX shell (Windows), logs that a killed JVM leaves Postgres behind, which the
     * next start then stops.
     */
    static PostgresWatchdog guard(long postmasterPid, Path postgresData, Path temporaryDirectory) {
        List<String> command = new ArrayList<>(List.of("sh", "-c", SCRIPT, "postgres-watchdog",
                Long.toString(postmasterPid), postgresData.toAbsolutePath().toString(),
                temporaryDirectory == null ? "" : temporaryDirectory.toAbsolutePath().toString()));
        try {
            Process shell = new ProcessBuilder(command)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            return new PostgresWatchdog(shell);
        } catch (IOException noShell) {
            log.warn("No watchdog for Postgres (pid {}): if this JVM is killed, the next start stops it", postmasterPid);
            return new PostgresWatchdog(null);
        }
    }

    /** Ends the watchdog without letting it act: the owner stops Postgres itself. */
    @Override
    public void close() {
        if (shell != null) {
            shell.destroyForcibly();
        }
    }
}
