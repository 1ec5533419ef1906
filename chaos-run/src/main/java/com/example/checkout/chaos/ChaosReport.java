package com.example.checkout.chaos;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the chaos run did and counted: the faults with their times, the shoppers' retries by cause, every count of
 * the books, and what does not add up. It held if nothing does not.
 *
 * @param faults         each fault as it happened, {@code "  12.3 s  SIGKILL outbox-relay, restart"}
 * @param retriedBecause the shoppers' retries by cause (a status code or an exception's name)
 * @param counts         the books' figures, in the order of the table
 * @param violations     each order or figure that is lost, doubled or contradictory
 */
public record ChaosReport(List<String> faults, Map<String, Integer> retriedBecause, Map<String, Long> counts,
                          List<String> violations) {

    /** The table shows this many violations; the rest are counted. */
    private static final int VIOLATIONS_SHOWN = 50;

    public ChaosReport {
        faults = List.copyOf(faults);
        retriedBecause = Map.copyOf(retriedBecause);
        counts = Collections.unmodifiableMap(new LinkedHashMap<>(counts));
        violations = List.copyOf(violations);
    }

    /** A figure of the table, e.g. {@code count("cancelled")}; 0 if it was not counted. */
    public long count(String what) {
        return counts.getOrDefault(what, 0L);
    }

    /** Every invariant held. */
    public boolean held() {
        return violations.isEmpty();
    }

    public String table() {
        StringBuilder table = new StringBuilder("\nChaos run\n\nfaults injected:\n");
        faults.forEach(fault -> table.append("  ").append(fault).append('\n'));
        table.append("\nshopper retries by cause: ").append(new TreeMap<>(retriedBecause)).append("\n\n");
        counts.forEach((what, n) -> table.append(String.format("  %-48s %8d%n", what, n)));
        table.append("\nviolations: ").append(violations.size()).append('\n');
        violations.stream().limit(VIOLATIONS_SHOWN).forEach(violation -> table.append("  ").append(violation).append('\n'));
        return table.toString();
    }
}
