package com.example.checkout.console.overview;

/**
 * A counter's growth since the console started watching it, across restarts of the service that exports it: a
 * value lower than the last one means the counter started again from zero (as Prometheus' {@code rate} reads it).
 */
final class RunningTotal {

    private Double last;
    private double total;

    /** Adds the counter's growth since the last observation; {@code null} (the service did not answer) adds nothing. */
    double observe(Double value) {
        double added = 0;
        if (value != null) {
            if (last != null) {
                added = value >= last ? value - last : value;
            }
            last = value;
            total += added;
        }
        return added;
    }

    double total() {
        return total;
    }
}
