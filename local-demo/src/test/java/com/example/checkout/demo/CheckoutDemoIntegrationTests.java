package com.example.checkout.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import com.example.checkout.services.SystemService;

/**
 * Drives the packaged launcher the way a newcomer does: {@code java -jar checkout-demo.jar}, in a child process,
 * on shifted ports so it never collides with a demo already running on this machine.
 */
class CheckoutDemoIntegrationTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration START_UP = Duration.ofMinutes(3);
    /** The email-outage scenario's outage here: seconds, to keep the build short; the scenario's default is 120. */
    private static final int OUTAGE_SECONDS = Integer.getInteger("checkout.demo.test-outage-seconds", 8);

    private final HttpClient http = HttpClient.newHttpClient();
    private final List<Process> launched = new ArrayList<>();

    @TempDir
    Path logs;

    @AfterEach
    void killLeftovers() {
        launched.forEach(process -> process.descendants().forEach(ProcessHandle::destroyForcibly));
        launched.forEach(Process::destroyForcibly);
    }

    @Test
    void aPortInUseIsNamedInOneLineAndNothingStarts() throws Exception {
        // given a demo port taken by someone else
        DemoPorts ports = freePorts();
        try (ServerSocket squatter = new ServerSocket(ports.kafka(), 1, InetAddress.getByName("0.0.0.0"))) {
            // when
            Process demo = launch(ports, "demo-port-clash");
            boolean exited = demo.waitFor(60, TimeUnit.SECONDS);

            // then
            assertThat(exited).isTrue();
            assertThat(demo.exitValue()).isNotZero();
            String output = Files.readString(logs.resolve("demo-port-clash.log"));
            assertThat(output.strip().lines()).hasSize(1);
            assertThat(output).contains("Port " + ports.kafka() + " is already in use", "--ports.kafka=");
            assertThat(PortsInUse.isFree(ports.postgres())).isTrue();
            assertThat(PortsInUse.isFree(ports.of(SystemService.ORDER))).isTrue();
        }
    }

    @Test
    void oneCheckoutReachesAllThreeConsumersAndCtrlCLeavesNothingBehind() throws Exception {
        // given the demo, started as a user starts it
        DemoPorts ports = freePorts();
        Process demo = launch(ports, "demo");
        awaitOutput("demo", "Checkout on Kafka is up");
        long stockBefore = stock(ports, "SKU-003");
        // the payment provider simulator runs beside the services, and the banner says where
        assertThat(get(ports.of(SystemService.PAYMENT_PROVIDER), "/actuator/health").path("status").asString())
                .isEqualTo("UP");
        assertThat(Files.readString(logs.resolve("demo.log")))
                .contains(ports.url(SystemService.PAYMENT_PROVIDER) + "/v1/balance");

        // when a shopper checks out
        HttpResponse<String> checkout = post(ports.of(SystemService.ORDER), "/checkout", """
                {"customerId":"c-42","email":"ada@example.com","items":[{"sku":"SKU-003","quantity":2}],"paymentToken":"tok_ok"}""");

        // then the email, the reservation and the sales figures all follow
        assertThat(checkout.statusCode()).isEqualTo(201);
        String orderId = JSON.readTree(checkout.body()).path("orderId").asString();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonNode inbox = get(ports.control(), "/demo/inbox");
            assertThat(inbox.valueStream().filter(email -> email.path("subject").asString().contains(orderId)))
                    .singleElement()
                    .satisfies(email -> assertThat(email.path("to").asString()).contains("ada@example.com"));
            assertThat(stock(ports, "SKU-003")).isEqualTo(stockBefore - 2);
            assertThat(get(ports.of(SystemService.ANALYTICS), "/analytics/summary").path("orders").asLong()).isEqualTo(1);
        });

        // when the user presses Ctrl-C (SIGTERM runs the same shutdown hook)
        List<ProcessHandle> children = demo.descendants().toList();
        demo.destroy();

        // then the launcher and everything it started are gone, and every port is free again
        assertThat(demo.waitFor(60, TimeUnit.SECONDS)).isTrue();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(children).noneMatch(ProcessHandle::isAlive);
            assertThat(ports.byPropertyName().values()).allMatch(PortsInUse::isFree);
        });
        assertThat(Files.readString(logs.resolve("demo.log"))).contains("Stopped.");
        try (var leftovers = Files.list(logs.resolve("demo-tmp"))) {
            // Kept on purpose: the JVM's perf data, and the unpacked Postgres binaries that the next start reuses.
            assertThat(leftovers.map(path -> path.getFileName().toString())
                    .filter(name -> !name.startsWith("hsperfdata") && !name.equals("embedded-pg")))
                    .as("data directories left behind").isEmpty();
        }
    }

    @Test
    void theEmailOutageScenarioHoldsEveryInvariantAtSmallScale() throws Exception {
        // given / when the scripted scenario runs: 4 checkouts a second, SMTP down for OUTAGE_SECONDS in the middle (the
        // scenario's own default is two minutes; -Dcheckout.demo.test-outage-seconds=120 runs that here)
        DemoPorts ports = freePorts();
        Process scenario = launch(ports, "scenario", "--scenario=email-outage", "--scenario-rate=4",
                "--scenario-phase-seconds=4", "--scenario-outage-seconds=" + OUTAGE_SECONDS);

        // then it finishes, prints its table (in its log) and exits 0 only because every invariant held
        assertThat(scenario.waitFor(5 + OUTAGE_SECONDS / 60, TimeUnit.MINUTES)).isTrue();
        String output = Files.readString(logs.resolve("scenario.log"));
        assertThat(output).contains("during outage", "emails delivered", "duplicate emails", "RESULT: every invariant held");
        assertThat(scenario.exitValue()).isZero();
        assertThat(ports.byPropertyName().values()).allMatch(PortsInUse::isFree);
    }

    @Test
    void theSoldOutScenarioBalancesTheBooksAtSmallScale() throws Exception {
        // given / when: 9 orders at once for one SKU, about a third more than its stock can serve
        DemoPorts ports = freePorts();
        Process scenario = launch(ports, "sold-out", "--scenario=sold-out", "--scenario-orders=9");

        // then it finishes, prints the books and exits 0 only because they balance: SKU-020's 100 units at 16 per
        // order serve 6 of the 9; the other 3 are refunded and cancelled, each told by email
        assertThat(scenario.waitFor(5, TimeUnit.MINUTES)).isTrue();
        String output = Files.readString(logs.resolve("sold-out.log"));
        assertThat(output).contains("9 orders of 16 x SKU-020 at once, 100 in stock (enough for 6)",
                "captured - refunded", "analytics net revenue", "RESULT: the books balance");
        assertThat(ScenarioTables.number(output, "orders placed")).isEqualTo(9);
        assertThat(ScenarioTables.number(output, "confirmed")).isEqualTo(6);
        assertThat(ScenarioTables.number(output, "cancelled")).isEqualTo(3);
        assertThat(ScenarioTables.number(output, "refunds on the provider")).isEqualTo(3);
        assertThat(ScenarioTables.number(output, "cancellation emails")).isEqualTo(3);
        assertThat(ScenarioTables.number(output, "new dead letters (all groups)")).isZero();
        assertThat(output).containsPattern("stock of SKU-020 +100 -> +4\\b");
        assertThat(scenario.exitValue()).isZero();
        assertThat(ports.byPropertyName().values()).allMatch(PortsInUse::isFree);
    }

    @Test
    void theChaosScenarioOutsideTheBuildTreeNamesTheMissingServiceJarsInOneLine() throws Exception {
        // given the launcher away from the build tree whose <service>/target folders hold the services' exec jars
        Path elsewhere = Files.createDirectories(logs.resolve("elsewhere/lib/target"));
        Path jar = Files.createSymbolicLink(elsewhere.resolve("checkout-demo.jar"),
                Path.of(System.getProperty("checkout.demo.jar")).toAbsolutePath());

        // when
        Process chaos = launch(jar, freePorts(), "chaos-no-jars", "--scenario=chaos", "--checkouts=1000");

        // then it starts nothing and says in one line what is missing and how to build it
        assertThat(chaos.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(chaos.exitValue()).isNotZero();
        String output = Files.readString(logs.resolve("chaos-no-jars.log"));
        assertThat(output.strip().lines()).hasSize(1);
        assertThat(output).contains("No exec jar of payment-provider, order-service", "./mvnw -q package -DskipTests");
    }

    @Test
    void killedWithSigkillItStartsAgainOnItsDataDirectoryLosesNothingAndItsConsumersRejoinPromptly() throws Exception {
        // given the demo on a data directory, with one order handled by all three consumers
        DemoPorts ports = freePorts();
        String dataDir = "--data-dir=" + logs.resolve("crash-data");
        Process first = launch(ports, "crash-first", dataDir);
        awaitOutput("crash-first", "Checkout on Kafka is up");
        String before = placeOrder(ports, "SKU-004");
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(emailsSent(ports, before)).isEqualTo(1);
            assertThat(get(ports.of(SystemService.ANALYTICS), "/analytics/summary").path("orders").asLong()).isEqualTo(1);
        });

        // when the demo's JVM is killed (SIGKILL: no shutdown hook runs) and started again on the same data
        first.destroyForcibly();
        assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
        launch(ports, "crash-second", dataDir);
        awaitOutput("crash-second", "Checkout on Kafka is up");

        // then the first order is still there, and a new one reaches every consumer well within the 45 s a dead
        // consumer's default session would have held its partitions
        assertThat(get(ports.of(SystemService.ORDER), "/orders/" + before).path("orderId").asString()).isEqualTo(before);
        String after = placeOrder(ports, "SKU-004");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(emailsSent(ports, after)).isEqualTo(1);
            assertThat(get(ports.of(SystemService.ANALYTICS), "/analytics/summary").path("orders").asLong()).isEqualTo(2);
            assertThat(get(ports.of(SystemService.INVENTORY), "/reservations?orderId=" + after).size()).isEqualTo(1);
        });
        // and nothing happened twice
        assertThat(emailsSent(ports, before)).isEqualTo(1);
        assertThat(get(ports.of(SystemService.INVENTORY), "/reservations?orderId=" + before).size()).isEqualTo(1);
    }

    @Test
    void killedWithSigkillOnTemporaryDataItsPostgresDiesWithItAndTheDataIsDeleted() throws Exception {
        // given the demo on temporary data, whose Postgres is a process of its own
        DemoPorts ports = freePorts();
        Process demo = launch(ports, "crash-temporary");
        awaitOutput("crash-temporary", "Checkout on Kafka is up");
        Path data;
        try (var directories = Files.list(logs.resolve("crash-temporary-tmp"))) {
            data = directories.filter(path -> path.getFileName().toString().startsWith("checkout-infrastructure-"))
                    .findFirst().orElseThrow();
        }
        ProcessHandle postmaster = ProcessHandle.of(Long.parseLong(
                Files.readAllLines(data.resolve("postgres/postmaster.pid")).getFirst().strip())).orElseThrow();

        // when the demo's JVM is killed
        demo.destroyForcibly();
        assertThat(demo.waitFor(30, TimeUnit.SECONDS)).isTrue();

        // then its Postgres stops, its port is free and its data is gone
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(postmaster.isAlive()).isFalse();
            assertThat(PortsInUse.isFree(ports.postgres())).isTrue();
            assertThat(data).doesNotExist();
        });
    }

    private String placeOrder(DemoPorts ports, String sku) throws Exception {
        HttpResponse<String> checkout = post(ports.of(SystemService.ORDER), "/checkout", """
                {"customerId":"c-crash","email":"ada@example.com","items":[{"sku":"%s","quantity":1}],"paymentToken":"tok_ok"}"""
                .formatted(sku));
        assertThat(checkout.statusCode()).isEqualTo(201);
        return JSON.readTree(checkout.body()).path("orderId").asString();
    }

    /** The confirmations the email service recorded for the order (its log survives a restart; the inbox does not). */
    private long emailsSent(DemoPorts ports, String orderId) throws Exception {
        return get(ports.of(SystemService.EMAIL), "/emails?orderId=" + orderId).size();
    }

    private Process launch(DemoPorts ports, String name, String... extraArguments) throws IOException {
        return launch(Path.of(System.getProperty("checkout.demo.jar")), ports, name, extraArguments);
    }

    private Process launch(Path jar, DemoPorts ports, String name, String... extraArguments) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElse("java"), "-Xmx1g",
                // Its own temporary directory, so the test can see that nothing is left in it afterwards.
                "-Djava.io.tmpdir=" + Files.createDirectories(logs.resolve(name + "-tmp")), "-jar", jar.toString(),
                "--port-offset=" + (ports.of(SystemService.ORDER) - DemoPorts.defaults().of(SystemService.ORDER))));
        command.addAll(List.of(extraArguments));
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(logs.resolve(name + ".log").toFile())
                .start();
        launched.add(process);
        return process;
    }

    private void awaitOutput(String name, String text) {
        await().atMost(START_UP).pollInterval(Duration.ofMillis(500))
                .until(() -> Files.readString(logs.resolve(name + ".log")).contains(text));
    }

    /** All the demo's ports, shifted to a range where every one of them is free. */
    private static DemoPorts freePorts() {
        while (true) {
            DemoPorts candidate = DemoPorts.defaults().shiftedBy(ThreadLocalRandom.current().nextInt(20, 200) * 100);
            if (PortsInUse.firstClash(candidate).isEmpty()) {
                return candidate;
            }
        }
    }

    private long stock(DemoPorts ports, String sku) throws Exception {
        return get(ports.of(SystemService.INVENTORY), "/stock/" + sku).path("available").asLong();
    }

    private JsonNode get(int port, String path) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("GET " + path).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private HttpResponse<String> post(int port, String path, String json) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
