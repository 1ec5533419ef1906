package com.example.checkout.demo;

import java.nio.file.Path;
import java.time.Duration;

import com.example.checkout.chaos.ChaosRun;

/**
 * What the command line asked for.
 *
 * @param dataDirectory where Postgres and Kafka keep their data; {@code null} means a temporary directory
 *                      deleted on exit ({@code --data-dir=<path>} keeps it between runs)
 * @param scenario      {@code email-outage}, {@code sold-out} or {@code chaos} to run that scripted scenario and exit,
 *                      or {@code null}
 */
record DemoOptions(DemoPorts ports, Path dataDirectory, boolean verbose, String scenario, ScenarioSettings scenarioSettings) {

    static final String USAGE = """
            Usage: java -jar local-demo/target/checkout-demo.jar [options]
              --scenario=email-outage      run the scripted email-outage scenario, print its table, exit 0 if every invariant held
              --scenario-rate=<n>          checkouts per second in the scenario (default 5)
              --scenario-phase-seconds=<n> length of the phases before and after the outage (default 10)
              --scenario-outage-seconds=<n> length of the SMTP outage (default 120)
              --scenario=sold-out          more orders for one SKU than it has stock, all at once; print the books, exit 0 if they balance
              --scenario-orders=<n>        orders in the sold-out scenario (default 30; about a third of them cannot be served)
              --scenario=chaos             every service its own process from its exec jar, checkouts through SIGKILLs and outages;
                                           print the books, exit 0 if every invariant held (random ports, temporary data)
              --checkouts=<n>              checkouts in the chaos scenario (default 5000, at least 1000; 15 a second)
              --data-dir=<path>            keep Postgres and Kafka data there between runs (default: temporary, deleted on exit)
              --port-offset=<n>            add n to every port
              --ports.<name>=<port>        one port: %s
              --verbose                    show every service's log, not only warnings
              --help                       print this and exit
            """.formatted(String.join(", ", DemoPorts.defaults().byPropertyName().keySet()).replace("ports.", ""));

    static DemoOptions parse(String... args) {
        DemoPorts ports = DemoPorts.defaults();
        int offset = 0;
        Path dataDirectory = null;
        boolean verbose = false;
        String scenario = null;
        ScenarioSettings settings = ScenarioSettings.defaults();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("Unexpected argument '" + arg + "'");
            }
            String name = arg.substring(2);
            String value = null;
            int equals = name.indexOf('=');
            if (equals >= 0) {
                value = name.substring(equals + 1);
                name = name.substring(0, equals);
            } else if (!name.equals("verbose") && i + 1 < args.length) {
                value = args[++i];
            }
            switch (name) {
                case "verbose" -> verbose = true;
                case "scenario" -> scenario = requireScenario(value);
                case "scenario-rate" -> settings = settings.withRate(positive(name, value));
                case "scenario-phase-seconds" -> settings = settings.withPhase(Duration.ofSeconds(positive(name, value)));
                case "scenario-outage-seconds" -> settings = settings.withOutage(Duration.ofSeconds(positive(name, value)));
                case "scenario-orders" -> settings = settings.withOrders(atLeast(name, value, 2));
                case "checkouts" -> settings = settings.withCheckouts(atLeast(name, value, ChaosRun.MINIMUM_CHECKOUTS));
                case "data-dir" -> dataDirectory = Path.of(required(name, value));
                case "port-offset" -> offset = integer(name, value);
                default -> {
                    if (!name.startsWith("ports.")) {
                        throw new IllegalArgumentException("Unknown option --" + name);
                    }
                    ports = ports.with(name, positive(name, value));
                }
            }
        }
        if (ChaosScenario.NAME.equals(scenario) && dataDirectory != null) {
            throw new IllegalArgumentException("--scenario=chaos runs every service as a process of its own on "
                    + "temporary data: it takes no --data-dir");
        }
        return new DemoOptions(ports.shiftedBy(offset), dataDirectory, verbose, scenario, settings);
    }

    private static String requireScenario(String value) {
        if (!EmailOutageScenario.NAME.equals(value) && !SoldOutScenario.NAME.equals(value)
                && !ChaosScenario.NAME.equals(value)) {
            throw new IllegalArgumentException("Unknown scenario '" + value + "' (known: "
                    + EmailOutageScenario.NAME + ", " + SoldOutScenario.NAME + ", " + ChaosScenario.NAME + ")");
        }
        return value;
    }

    private static String required(String name, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("--" + name + " needs a value");
        }
        return value;
    }

    private static int integer(String name, String value) {
        try {
            return Integer.parseInt(required(name, value));
        } catch (NumberFormatException notANumber) {
            throw new IllegalArgumentException("--" + name + " needs a number, got '" + value + "'");
        }
    }

    private static int atLeast(String name, String value, int minimum) {
        int number = integer(name, value);
        if (number < minimum) {
            throw new IllegalArgumentException("--" + name + " must be at least " + minimum + ", got " + number);
        }
        return number;
    }

    private static int positive(String name, String value) {
        int number = integer(name, value);
        if (number < 1) {
            throw new IllegalArgumentException("--" + name + " must be at least 1, got " + number);
        }
        return number;
    }
}
