package com.example.checkout.demo;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.Executors;

import tools.jackson.databind.json.JsonMapper;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import com.example.checkout.services.SystemService;

/**
 * Demo-only switches to break the system on purpose, on their own small HTTP server so they can never ship
 * inside a service jar: {@code POST /demo/faults/{smtp|kafka|relay|payment-provider}/{down|up}},
 * {@code POST /demo/faults/payment-provider/{slow|normal}} and {@code GET /demo/faults}.
 * {@code GET /demo/inbox} shows what the SMTP server received (the local stand-in for Mailpit's inbox).
 * {@code POST /demo/scenarios/{email-outage|sold-out}} runs that scenario in the running demo (the console's buttons),
 * {@code GET} on it shows its state and table, {@code GET /demo/scenarios} every scenario's.
 */
final class FaultSwitches implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** {@link SystemService#PAYMENT_PROVIDER}'s name, as a constant the switch below can use. */
    private static final String PAYMENT_PROVIDER = "payment-provider";

    private final LocalSystem system;
    private final HttpServer server;
    private final ScenarioRuns scenarios;
    private final PaymentProviderSwitch paymentProvider;

    private FaultSwitches(LocalSystem system, HttpServer server, ScenarioSettings scenario) {
        this.system = system;
        this.server = server;
        this.paymentProvider = new PaymentProviderSwitch(system);
        this.scenarios = new ScenarioRuns(system, scenario);
    }

    static FaultSwitches start(LocalSystem system, int port, ScenarioSettings scenario) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(port), 0);
            FaultSwitches switches = new FaultSwitches(system, server, scenario);
            server.createContext("/demo/faults", switches::faults);
            server.createContext("/demo/inbox", switches::inbox);
            server.createContext("/demo/scenarios", switches::scenarios);
            // One switch at a time: flipping Kafka while the relay restarts helps nobody understand anything.
            // The thread gets the demo's class loader: the HTTP server's own threads would not see the fat jar's
            // classes that a restarting broker loads by name.
            ClassLoader demoClasses = FaultSwitches.class.getClassLoader();
            server.setExecutor(Executors.newSingleThreadExecutor(task -> {
                Thread thread = new Thread(task, "demo-fault-switches");
                thread.setContextClassLoader(demoClasses);
                return thread;
            }));
            server.start();
            return switches;
        } catch (IOException failed) {
            throw new IllegalStateException("Cannot start the demo fault switches on port " + port, failed);
        }
    }

    /** @param state {@code up} or {@code down}; for the payment provider also {@code slow} or {@code normal} */
    void flip(String component, String state) {
        if (component.equals(PAYMENT_PROVIDER) && (state.equals("slow") || state.equals("normal"))) {
            paymentProvider.slow(state.equals("slow"));
            return;
        }
        if (!state.equals("up") && !state.equals("down")) {
            throw new IllegalArgumentException("A switch is up or down (the payment provider also slow or normal), not '"
                    + state + "'");
        }
        flip(component, state.equals("up"));
    }

    void flip(String component, boolean up) {
        switch (component) {
            case "smtp" -> {
                if (up) {
                    system.infrastructure().smtp().start();
                } else {
                    system.infrastructure().smtp().stop();
                }
            }
            case "kafka" -> {
                if (up) {
                    system.infrastructure().kafka().start();
                } else {
                    system.infrastructure().kafka().stop();
                }
            }
            case "relay" -> {
                if (up && !system.isRunning(SystemService.RELAY)) {
                    system.startService(SystemService.RELAY);
                } else if (!up) {
                    system.stopService(SystemService.RELAY);
                }
            }
            case PAYMENT_PROVIDER -> paymentProvider.up(up);
            default -> throw new IllegalArgumentException(
                    "Unknown component '" + component + "' (smtp, kafka, relay or payment-provider)");
        }
    }

    String status() {
        return JSON.writeValueAsString(Map.of(
                "smtp", state(system.infrastructure().smtp().isRunning()),
                "kafka", state(system.infrastructure().kafka().isRunning()),
                "relay", state(system.isRunning(SystemService.RELAY)),
                PAYMENT_PROVIDER, paymentProvider.state()));
    }

    private static String state(boolean up) {
        return up ? "up" : "down";
    }

    private void faults(HttpExchange exchange) throws IOException {
        try {
            String[] path = exchange.getRequestURI().getPath().replaceAll("/+$", "").split("/");
            // "", "demo", "faults"[, component, down|up]
            if (path.length == 3 && exchange.getRequestMethod().equals("GET")) {
                respond(exchange, 200, status());
            } else if (path.length == 5 && exchange.getRequestMethod().equals("POST")) {
                try {
                    flip(path[3], path[4]);
                    respond(exchange, 200, status());
                } catch (IllegalArgumentException unknown) {
                    respond(exchange, 404, problem(unknown.getMessage()));
                }
            } else {
                respond(exchange, 404, problem("Try GET /demo/faults or POST /demo/faults/{smtp|kafka|relay|payment-provider}/{down|up}"
                        + " or POST /demo/faults/payment-provider/{slow|normal}"));
            }
        } catch (RuntimeException failed) {
            respond(exchange, 500, problem(String.valueOf(failed.getMessage())));
        } finally {
            exchange.close();
        }
    }

    private void scenarios(HttpExchange exchange) throws IOException {
        try (exchange) {
            String[] path = exchange.getRequestURI().getPath().replaceAll("/+$", "").split("/");
            // "", "demo", "scenarios"[, name]
            String method = exchange.getRequestMethod();
            if (path.length == 3 && method.equals("GET")) {
                respond(exchange, 200, JSON.writeValueAsString(scenarios.statuses()));
            } else if (path.length != 4 || !scenarios.knows(path[3])) {
                respond(exchange, 404, problem("Try GET /demo/scenarios or GET or POST /demo/scenarios/{"
                        + EmailOutageScenario.NAME + "|" + SoldOutScenario.NAME + "}"));
            } else if (method.equals("GET")) {
                respond(exchange, 200, JSON.writeValueAsString(scenarios.status(path[3])));
            } else if (method.equals("POST")) {
                // 409: another run, of this scenario or the other, is still counting.
                respond(exchange, scenarios.start(path[3]) ? 202 : 409, JSON.writeValueAsString(scenarios.status(path[3])));
            } else {
                respond(exchange, 405, problem("GET or POST"));
            }
        }
    }

    private void inbox(HttpExchange exchange) throws IOException {
        try (exchange) {
            respond(exchange, 200, JSON.writeValueAsString(ReceivedEmail.all(system.infrastructure())));
        }
    }

    private static String problem(String detail) {
        return JSON.writeValueAsString(Map.of("detail", detail));
    }

    private static void respond(HttpExchange exchange, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /** Stops taking requests and brings back what was switched off, so that the services can stop cleanly. */
    @Override
    public void close() {
        server.stop(0);
        flip("kafka", true);
        flip("smtp", true);
        paymentProvider.slow(false);
    }
}
