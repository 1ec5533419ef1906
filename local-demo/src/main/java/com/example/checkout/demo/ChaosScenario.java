package com.example.checkout.demo;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import com.example.checkout.chaos.ChaosReport;
import com.example.checkout.chaos.ChaosRun;
import com.example.checkout.chaos.ServiceJars;
import org.slf4j.LoggerFactory;

/**
 * {@code --scenario=chaos}: the chaos run of system-tests' ChaosIntegrationTests at the size (5,000
 * checkouts unless {@code --checkouts} says otherwise), on the services' exec jars of the build tree this launcher
 * comes from ({@code <root>/local-demo/target/checkout-demo.jar}, the services in {@code <root>/<service>/target}).
 * It prints its progress and the books and exits 0 only if every invariant held.
 */
final class ChaosScenario {

    static final String NAME = "chaos";
    static final int DEFAULT_CHECKOUTS = 5_000;

    private final int checkouts;
    private final boolean verbose;
    private final PrintStream out;
    private final PrintStream err;

    ChaosScenario(int checkouts, boolean verbose, PrintStream out, PrintStream err) {
        this.checkouts = checkouts;
        this.verbose = verbose;
        this.out = out;
        this.err = err;
    }

    int run() {
        ServiceJars jars = ServiceJars.inBuild(buildRoot());
        Optional<String> missing = jars.missing();
        if (missing.isPresent()) {
            err.println(missing.get());
            return 1;
        }
        if (!verbose) {
            // The broker runs in this JVM: its stops and restarts, and its clients' complaints meanwhile, are the
            // faults the run injects, not news (the services log to their own files).
            ((Logger) LoggerFactory.getLogger("kafka")).setLevel(Level.OFF);
            ((Logger) LoggerFactory.getLogger("org.apache.kafka")).setLevel(Level.ERROR);
            // The Postgres crash: zonky's pg_ctl stop of the server just killed finds nothing to stop, and says so.
            ((Logger) LoggerFactory.getLogger("io.zonky.test.db.postgres.embedded")).setLevel(Level.OFF);
        }
        try {
            // Kept after the run: the services' logs are what to read when an invariant broke.
            Path logs = Files.createTempDirectory("checkout-chaos-logs-");
            ChaosReport report = new ChaosRun(checkouts, jars, out).run(logs);
            out.print(report.table());
            out.println(report.held() ? "\nRESULT: every invariant held" : "\nRESULT: " + report.violations().size()
                    + " violation(s); the services' logs are in " + logs);
            return report.held() ? 0 : 1;
        } catch (IOException | ExecutionException | TimeoutException | RuntimeException failed) {
            err.println("The chaos run failed: " + failed);
            return 1;
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }

    /**
     * The build tree: {@code java -jar local-demo/target/checkout-demo.jar} puts the jar alone on the class path,
     * two folders below the root; from an IDE or a test it is {@code local-demo/target/classes}, as deep.
     */
    static Path buildRoot() {
        Path first = Path.of(System.getProperty("java.class.path").split(File.pathSeparator)[0]).toAbsolutePath();
        Path module = first.getParent() == null ? null : first.getParent().getParent();
        return module == null || module.getParent() == null ? Path.of("").toAbsolutePath() : module.getParent();
    }
}
