package com.example.checkout.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

import com.example.checkout.chaos.ChaosReport;
import com.example.checkout.chaos.ChaosRun;
import com.example.checkout.chaos.ServiceJars;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The chaos run of {@link ChaosRun} (the one the demo launcher runs as {@code --scenario=chaos}, 5,000 checkouts
 * there): every service in a process of its own, started from the jar that ships, SIGKILLs of the relay (twice),
 * each consumer and order-service, a 10 s broker stop, a 60 s SMTP outage and a Postgres crash while checkouts
 * stream in; then every figure of its books is asserted.
 *
 * <p>{@code -Dchaos.checkouts} sets the number of checkouts (default and minimum 1,000: about 70 s of stream at 15 a
 * second, the schedule's outages at full length).
 */
class ChaosIntegrationTests {

    private static final int CHECKOUTS = Integer.getInteger("chaos.checkouts", ChaosRun.MINIMUM_CHECKOUTS);

    @TempDir
    Path logs;

    @Test
    void everyAnsweredOrderHasExactlyItsEffectsAfterKillsAndOutages() throws Exception {
        // given every service's exec jar, as the build packaged it
        ServiceJars jars = ServiceJars.fromSystemProperties();
        assertThat(jars.missing()).isEmpty();

        // when checkouts stream in while the faults happen, and every effect has had time to arrive
        ChaosReport report = new ChaosRun(CHECKOUTS, jars, new PrintStream(OutputStream.nullOutputStream())).run(logs);

        // then the books balance. The table (fault times, retries by cause, counts) is the run's record, kept with
        // the test reports and shown with a violation; the counts that must hold are asserted one by one.
        String table = report.table();
        Files.writeString(Path.of("target", "chaos-run.txt"), table);
        assertThat(report.count("answered 201")).as("checkouts answered 201").isEqualTo(CHECKOUTS);
        assertThat(report.violations()).as("invariant violations, in this run:%n%s", table).isEmpty();
        assertThat(report.held()).isTrue();
        assertThat(report.faults()).as("faults injected").hasSize(11);
        assertThat(report.count("shopper retries")).as("the faults reached the shoppers").isPositive();
        assertThat(report.count("orders")).isEqualTo(CHECKOUTS);
        assertThat(report.count("confirmed") + report.count("cancelled")).isEqualTo(CHECKOUTS);
        assertThat(report.count("cancelled")).as("orders cancelled by the saga (the scarce SKU)").isPositive();
        assertThat(report.count("captures") - report.count("orphan captures (refunded by reconciliation)"))
                .isEqualTo(CHECKOUTS);
        assertThat(report.count("refunds") - report.count("orphan captures (refunded by reconciliation)"))
                .isEqualTo(report.count("cancelled"));
        assertThat(report.count("emails received (SMTP)") - report.count("resent with the same Message-ID"))
                .isEqualTo(report.count("emails sent (email_log)"));
        assertThat(report.count("emails sent (email_log)")).as("at least one email per order")
                .isGreaterThanOrEqualTo(CHECKOUTS);
        assertThat(report.count("reservations")).isEqualTo(CHECKOUTS);
        assertThat(report.count("analytics: orders counted")).isEqualTo(CHECKOUTS);
        assertThat(report.count("analytics: sales reversed")).isEqualTo(report.count("cancelled"));
        report.counts().forEach((what, n) -> {
            if (what.startsWith("DLT parked")) {
                assertThat(n).as(what).isZero();
            }
        });
    }
}
