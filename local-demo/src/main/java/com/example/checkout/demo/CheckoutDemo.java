package com.example.checkout.demo;

import java.io.PrintStream;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

import com.example.checkout.infrastructure.EmbeddedInfrastructure;
import com.example.checkout.services.SystemService;

/**
 * {@code java -jar local-demo/target/checkout-demo.jar}: real Postgres, Kafka and SMTP, the payment provider simulator, the five services, the console and
 * the demo's fault switches, on the ports of SystemService (docs/architecture.md, "Ports"). Ctrl-C stops everything and removes the data.
 */
public final class CheckoutDemo {

    private CheckoutDemo() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        if (List.of(args).contains("--help") || List.of(args).contains("-h")) {
            out.print(DemoOptions.USAGE);
            return 0;
        }
        DemoOptions options;
        try {
            options = DemoOptions.parse(args);
        } catch (IllegalArgumentException badArguments) {
            err.println(badArguments.getMessage());
            err.print(DemoOptions.USAGE);
            return 2;
        }
        if (ChaosScenario.NAME.equals(options.scenario())) {
            // Not the demo's system: its own services, each a process from its jar, on infrastructure of its own.
            return new ChaosScenario(options.scenarioSettings().checkouts(), options.verbose(), out, err).run();
        }
        // A Postgres that a killed demo left on this data directory still holds its port: stop it first, then
        // its port counts as free and its data is reused.
        EmbeddedInfrastructure.stopLeftovers(options.dataDirectory());
        Optional<String> clash = PortsInUse.firstClash(options.ports());
        if (clash.isPresent()) {
            err.println(clash.get());
            return 1;
        }

        long started = System.nanoTime();
        Running running;
        try {
            running = Running.start(options, out);
        } catch (RuntimeException failed) {
            err.println("The demo could not start: " + rootMessage(failed));
            if (options.verbose()) {
                failed.printStackTrace(err);
            } else {
                err.println("(--verbose shows the whole stack trace and every service's log)");
            }
            return 1;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(running::close, "demo-shutdown"));
        double readySeconds = (System.nanoTime() - started) / 1e9;

        if (options.scenario() != null) {
            boolean held = SoldOutScenario.NAME.equals(options.scenario())
                    ? new SoldOutScenario(running.system, options.scenarioSettings(), out).run()
                    : new EmailOutageScenario(running.system, options.scenarioSettings(), out).run();
            running.close();
            return held ? 0 : 1;
        }
        printBanner(out, options.ports(), running.system.admin(), readySeconds);
        running.awaitStop();
        return 0;
    }

    /** The started system and its switches, closed exactly once, by Ctrl-C or at the end of a scenario. */
    private static final class Running {

        private final LocalSystem system;
        private final FaultSwitches switches;
        private final PrintStream out;
        private final AtomicBoolean closed = new AtomicBoolean();
        private final CountDownLatch stopped = new CountDownLatch(1);

        private Running(LocalSystem system, FaultSwitches switches, PrintStream out) {
            this.system = system;
            this.switches = switches;
            this.out = out;
        }

        static Running start(DemoOptions options, PrintStream out) {
            LocalSystem system = LocalSystem.start(options, out);
            try {
                return new Running(system, FaultSwitches.start(system, options.ports().control(), options.scenarioSettings()), out);
            } catch (RuntimeException failed) {
                system.close();
                throw failed;
            }
        }

        void close() {
            if (closed.compareAndSet(false, true)) {
                out.println("Stopping the demo...");
                switches.close();
                system.close();
                out.println("Stopped.");
                stopped.countDown();
            }
        }

        void awaitStop() {
            try {
                stopped.await();
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void printBanner(PrintStream out, DemoPorts ports, AdminLogin admin, double readySeconds) {
        String order = ports.url(SystemService.ORDER);
        String control = "http://localhost:" + ports.control();
        out.printf("""

                Checkout on Kafka is up (ready in %.1f s).

                  Console        %s   (watch orders travel, break things, replay dead letters)
                  Check out      curl -i %s/checkout -H 'Content-Type: application/json' \\
                                   -d '{"customerId":"c-42","email":"ada@example.com","items":[{"sku":"SKU-001","quantity":2}],"paymentToken":"tok_ok"}'
                  Order          %s/orders/{orderId}
                  Emails sent    %s/emails?orderId={orderId}     inbox: %s/demo/inbox
                  Stock          %s/stock/SKU-001
                  Analytics      %s/analytics/summary
                  Dead letters   %s/dlt  (also on %s and %s)
                  Admin login    %s / %s   (HTTP Basic on /dlt; set CHECKOUT_ADMIN_USERNAME/PASSWORD to change it)
                  Relay health   %s/actuator/health
                  Payments       %s/v1/balance   (the provider simulator's ledger; tokens tok_ok, tok_declined,
                                   tok_slow, tok_unavailable)
                  Break it       curl -X POST %s/demo/faults/smtp/down   (smtp, kafka, relay, payment-provider; down or up;
                                 payment-provider also slow or normal)

                Stop with Ctrl-C.
                """, readySeconds, ports.url(SystemService.CONSOLE), order, order, ports.url(SystemService.EMAIL), control,
                ports.url(SystemService.INVENTORY), ports.url(SystemService.ANALYTICS), ports.url(SystemService.EMAIL),
                ports.url(SystemService.INVENTORY), ports.url(SystemService.ANALYTICS), admin.username(), admin.password(),
                ports.url(SystemService.RELAY), ports.url(SystemService.PAYMENT_PROVIDER), control);
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getName() : root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
