package com.example.checkout.infrastructure;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes Postgres die with the JVM that started it, however the JVM dies. Postgres is a separate process, so a
 * SIGKILLed JVM (kill -9, an IDE's stop button, a test timeout) would leave it holding its port and data directory.
 * The watchdog is a shell that checks once a second whether this JVM's process still exists (a shell builtin, no
 * measurable CPU); once it is gone, the shell stops that Postgres (fast shutdown: committed data is kept) and, for a
 * temporary directory, deletes the data. It acts only on the owner's death, never on a live JVM's data. On a normal
 * stop the JVM ends the watchdog first and stops Postgres itself.
 */
final class PostgresWatchdog implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PostgresWatchdog.class);

    // $1 the owning JVM's pid, $2 the postmaster's pid, $3 its data directory (only a postgres serving it is
    // stopped: pids are reused), $4 a directory to delete afterwards, or empty.
    private static final String SCRIPT = """
            while kill -0 "$1" 2>/dev/null; do sleep 1; done
            if grep -qaF -- "$3" /proc/$2/cmdline 2>/dev/null; then
              kill -INT "$2"
              while kill -0 "$2" 2>/dev/null; do sleep 0.1; done
            fi
            if [ -n "$4" ]; then rm -rf -- "$4"; fi
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
                Long.toString(ProcessHandle.current().pid()), Long.toString(postmasterPid),
                postgresData.toAbsolutePath().toString(), temporaryDirectory == null ? "" : temporaryDirectory.toAbsolutePath().toString()));
        try {
            Process shell = new ProcessBuilder(command)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
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
