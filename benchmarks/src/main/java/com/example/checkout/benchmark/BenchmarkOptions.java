package com.example.checkout.benchmark;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What the command line asked for.
 *
 * @param demoJar      the demo to start as a child process ({@code --demo-jar})
 * @param portOffset   passed to the demo, so the benchmark never clashes with a demo already running
 * @param rates        the ladder of checkouts per second, climbed while the checkout serves what it is offered
 * @param step         how long each rate is offered
 * @param p99Objective the admitted checkouts' p99 a rate must meet to count as sustainable
 * @param output       where the CSV and the HTML chart go
 */
record BenchmarkOptions(Path demoJar, int portOffset, List<Integer> rates, Duration step, Duration p99Objective,
                        Duration effectObjective, Path output) {

    static final String USAGE = """
            Usage: java -jar benchmarks/target/checkout-benchmark.jar [options]
              --demo-jar=<path>        the demo to start (default local-demo/target/checkout-demo.jar)
              --port-offset=<n>        port offset passed to the demo (default 1000)
              --rates=<n,n,...>        checkouts per second to climb (default 50,100,200,300,400,500,600,700,800)
              --step-seconds=<n>       length of each step (default 20)
              --p99-ms=<n>             checkout p99 objective of a sustainable rate (default 50)
              --effect-p99-ms=<n>      commit -> every effect p99 objective (default 500)
              --out=<dir>              where results.csv and latency.html go (default benchmarks/target/results)
              --consumers              instead: each consumer's throughput on a backlog of OrderPlaced events
              --events=<n>             size of that backlog (default 20000)
            """;

    static BenchmarkOptions parse(String... args) {
        Path demoJar = Path.of("local-demo/target/checkout-demo.jar");
        int offset = 1000;
        List<Integer> rates = List.of(50, 100, 200, 300, 400, 500, 600, 700, 800);
        Duration step = Duration.ofSeconds(20);
        Duration p99 = Duration.ofMillis(50);
        Duration effect = Duration.ofMillis(500);
        Path output = Path.of("benchmarks/target/results");
        for (String arg : args) {
            int equals = arg.indexOf('=');
            if (!arg.startsWith("--") || equals < 0) {
                throw new IllegalArgumentException("Unexpected argument '" + arg + "' (options are --name=value)");
            }
            String name = arg.substring(2, equals);
            String value = arg.substring(equals + 1);
            switch (name) {
                case "demo-jar" -> demoJar = Path.of(value);
                case "port-offset" -> offset = number(name, value, 0);
                case "rates" -> rates = rates(value);
                case "step-seconds" -> step = Duration.ofSeconds(number(name, value, 1));
                case "p99-ms" -> p99 = Duration.ofMillis(number(name, value, 1));
                case "effect-p99-ms" -> effect = Duration.ofMillis(number(name, value, 1));
                case "out" -> output = Path.of(value);
                default -> throw new IllegalArgumentException("Unknown option --" + name);
            }
        }
        return new BenchmarkOptions(demoJar, offset, rates, step, p99, effect, output);
    }

    private static List<Integer> rates(String value) {
        List<Integer> rates = new ArrayList<>();
        for (String rate : value.split(",")) {
            rates.add(number("rates", rate.strip(), 1));
        }
        if (!rates.equals(rates.stream().sorted().distinct().toList())) {
            throw new IllegalArgumentException("--rates must climb: " + Arrays.toString(rates.toArray()));
        }
        return List.copyOf(rates);
    }

    private static int number(String name, String value, int minimum) {
        int number;
        try {
            number = Integer.parseInt(value);
        } catch (NumberFormatException notANumber) {
            throw new IllegalArgumentException("--" + name + " needs a number, got '" + value + "'");
        }
        if (number < minimum) {
            throw new IllegalArgumentException("--" + name + " must be at least " + minimum + ", got " + number);
        }
        return number;
    }

    int port(int base) {
        return base + portOffset;
    }
}
