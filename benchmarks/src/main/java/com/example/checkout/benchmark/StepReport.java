package com.example.checkout.benchmark;

import java.time.Duration;
import java.util.Map;

import org.HdrHistogram.Histogram;

/**
 * One row of the results: what a step offered and got, what the consumers made of it, and what it cost the demo.
 *
 * @param cpuCores the demo JVM's CPU during the step, in cores (1.0 = one core busy)
 * @param rssMebibytes the demo JVM's largest resident set seen during the step
 * @param effectObjective the commit -> effect p99 every consumer must meet to count as keeping up
 */
record StepReport(OpenLoop.Step step, Map<String, Effects.Delays> effects, double cpuCores, long rssMebibytes,
                  Duration effectObjective) {

    static final String[] COLUMNS = {"step", "offered/s", "placed/s", "rejected%", "errors", "p50 ms", "p99 ms",
            "p99.9 ms", "max ms", "reject p99 ms", "email p50/p99 ms", "inventory p50/p99 ms", "analytics p50/p99 ms",
            "max lag", "kept up", "demo cpu", "rss MB"};

    String[] cells() {
        Histogram placed = step.placed;
        long offered = step.offered();
        return new String[] {
                step.label,
                Integer.toString(step.rate),
                "%.0f".formatted(step.goodput()),
                "%.1f".formatted(offered == 0 ? 0 : 100.0 * step.rejected.getTotalCount() / offered),
                Long.toString(step.failed.getTotalCount()),
                millis(placed, 50),
                millis(placed, 99),
                millis(placed, 99.9),
                placed.getTotalCount() == 0 ? "-" : "%.1f".formatted(placed.getMaxValue() / 1000.0),
                millis(step.rejected, 99),
                effect("email"),
                effect("inventory"),
                effect("analytics"),
                Long.toString(maxLag()),
                keptUp() ? "yes" : "no",
                "%.2f".formatted(cpuCores),
                Long.toString(rssMebibytes)};
    }

    /** The highest backlog of any consumer; {@code +n missing} when events had no effect within the wait. */
    long maxLag() {
        return effects.values().stream().mapToLong(Effects.Delays::maxBacklog).max().orElse(0);
    }

    /** Every consumer handled every event of the step, with commit -> effect p99 within the objective. */
    boolean keptUp() {
        return missingEffects() == 0 && effectP99Millis() <= effectObjective.toMillis();
    }

    long missingEffects() {
        return effects.values().stream().mapToLong(Effects.Delays::missing).sum();
    }

    double p99Millis() {
        return step.placed.getValueAtPercentile(99) / 1000.0;
    }

    double effectP99Millis() {
        return effects.values().stream().mapToDouble(delays -> delays.delays().getValueAtPercentile(99) / 1000.0)
                .max().orElse(0);
    }

    private String effect(String consumer) {
        Effects.Delays delays = effects.get(consumer);
        if (delays == null || delays.delays().getTotalCount() == 0) {
            return "-";
        }
        String measured = millis(delays.delays(), 50) + "/" + millis(delays.delays(), 99);
        return delays.missing() == 0 ? measured : measured + " (" + delays.missing() + " missing)";
    }

    private static String millis(Histogram histogram, double percentile) {
        if (histogram.getTotalCount() == 0) {
            return "-";
        }
        double millis = histogram.getValueAtPercentile(percentile) / 1000.0;
        return millis < 10 ? "%.1f".formatted(millis) : "%.0f".formatted(millis);
    }
}
