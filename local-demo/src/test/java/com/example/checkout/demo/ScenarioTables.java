package com.example.checkout.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the figures of a scenario's printed table, as the launcher prints it to its console and its log. */
final class ScenarioTables {

    private ScenarioTables() {
    }

    /** The number on the table's line {@code label}, e.g. {@code "  cancelled"} → its count. */
    static long number(String table, String label) {
        Matcher line = Pattern.compile("^ *" + Pattern.quote(label) + " +(\\d+) *$", Pattern.MULTILINE).matcher(table);
        assertThat(line.find()).as("a line '%s' in%n%s", label, table).isTrue();
        return Long.parseLong(line.group(1));
    }
}
