package com.example.checkout.console.overview;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The lines of a {@code /actuator/prometheus} scrape (text exposition format), enough of it to add up series:
 * {@code name{label="value",...} number}. Comments, timestamps and exemplars are skipped.
 */
final class PrometheusText {

    record Series(String name, Map<String, String> labels, double value) {

        String label(String name) {
            return labels.getOrDefault(name, "");
        }
    }

    private final List<Series> series;

    private PrometheusText(List<Series> series) {
        this.series = series;
    }

    static PrometheusText parse(String text) {
        List<Series> series = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (!line.isBlank() && !line.startsWith("#")) {
                Series parsed = line(line.strip());
                if (parsed != null) {
                    series.add(parsed);
                }
            }
        }
        return new PrometheusText(series);
    }

    /** The sum over every series of that name whose labels match; {@code null} if there is none. */
    Double sum(String name, Predicate<Series> filter) {
        Double sum = null;
        for (Series one : series) {
            if (one.name().equals(name) && filter.test(one) && !Double.isNaN(one.value())) {
                sum = (sum == null ? 0 : sum) + one.value();
            }
        }
        return sum;
    }

    Double sum(String name) {
        return sum(name, any -> true);
    }

    List<Series> all(String name) {
        return series.stream().filter(one -> one.name().equals(name)).toList();
    }

    private static Series line(String line) {
        int braces = line.indexOf('{');
        int space = line.indexOf(' ');
        if (space < 0) {
            return null;
        }
        String name;
        Map<String, String> labels = new LinkedHashMap<>();
        String rest;
        if (braces >= 0 && braces < space) {
            name = line.substring(0, braces);
            int close = labels(line, braces + 1, labels);
            if (close < 0) {
                return null;
            }
            rest = line.substring(close + 1).strip();
        } else {
            name = line.substring(0, space);
            rest = line.substring(space + 1).strip();
        }
        String number = rest.split("\\s+")[0];
        try {
            return new Series(name, labels, Double.parseDouble(number.replace("+Inf", "Infinity")));
        } catch (NumberFormatException notANumber) {
            return null;
        }
    }

    /** Reads {@code key="value",...} up to the closing brace; returns its index, or -1 if the line is malformed. */
    private static int labels(String line, int at, Map<String, String> labels) {
        int i = at;
        while (i < line.length()) {
            char c = line.charAt(i);
            if (c == '}') {
                return i;
            }
            if (c == ',' || c == ' ') {
                i++;
                continue;
            }
            int equals = line.indexOf('=', i);
            if (equals < 0 || equals + 1 >= line.length() || line.charAt(equals + 1) != '"') {
                return -1;
            }
            String key = line.substring(i, equals);
            StringBuilder value = new StringBuilder();
            int j = equals + 2;
            for (; j < line.length() && line.charAt(j) != '"'; j++) {
                char v = line.charAt(j);
                if (v == '\\' && j + 1 < line.length()) {
                    char escaped = line.charAt(++j);
                    value.append(escaped == 'n' ? '\n' : escaped);
                } else {
                    value.append(v);
                }
            }
            labels.put(key, value.toString());
            i = j + 1;
        }
        return -1;
    }
}
