package com.example.checkout.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;

import com.example.checkout.events.EventHeaders;
import com.example.checkout.events.EventJson;
import com.example.checkout.events.OrderPlaced;
import com.example.checkout.services.SystemService;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The console in a real headless Chromium, on the real demo: the packaged launcher started as a user starts it,
 * the browser clicking what a user clicks. Each test leaves a screenshot in {@code target/screenshots/}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleBrowserIntegrationTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    static Path workDirectory;

    private static Process demo;
    private static DemoPorts ports;
    private static Browser browser;

    @BeforeAll
    static void startTheDemoAndABrowser() throws Exception {
        // The browser first: without one, fail at once rather than after the demo's start-up.
        browser = Browser.start(Files.createDirectories(workDirectory.resolve("chromium-profile")));
        ports = freePorts();
        Path log = workDirectory.resolve("demo.log");
        demo = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-Xmx1g",
                "-Djava.io.tmpdir=" + Files.createDirectories(workDirectory.resolve("demo-tmp")),
                "-jar", System.getProperty("checkout.demo.jar"),
                "--port-offset=" + (ports.of(SystemService.ORDER) - DemoPorts.defaults().of(SystemService.ORDER)),
                // The scenarios the page starts, at a small scale: 4 checkouts/s, SMTP down for the middle 4 s;
                // 9 orders at once for the product that sells out.
                "--scenario-rate=4", "--scenario-phase-seconds=4", "--scenario-outage-seconds=4", "--scenario-orders=9")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500))
                .failFast(() -> assertThat(demo.isAlive()).as("the demo is running").isTrue())
                .until(() -> Files.readString(log).contains("Checkout on Kafka is up"));
    }

    @AfterAll
    static void stopEverything() throws Exception {
        if (browser != null) {
            browser.close();
        }
        if (demo != null) {
            demo.destroy();
            if (!demo.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
                demo.descendants().forEach(ProcessHandle::destroyForcibly);
                demo.destroyForcibly();
            }
        }
    }

    @Test
    void theConsoleSeesEveryServiceOfTheRunningDemoAndEveryPageRenders() throws Exception {
        // given / when the console has scraped the demo's services a few times
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode latest = last(getConsole("/overview/samples"));
            assertThat(latest.path("orderServiceUp").asBoolean()).isTrue();
            assertThat(latest.path("relayUp").asBoolean()).isTrue();
            for (String group : List.of("email-service", "inventory-service", "analytics-service")) {
                assertThat(latest.path("groups").path(group).path("up").asBoolean()).as(group).isTrue();
                assertThat(latest.path("groups").path(group).path("deadLetters").isNumber()).as(group).isTrue();
            }
        });

        // then every page answers 200 from the real services
        for (String path : List.of("/", "/shop", "/orders", "/dead-letters?group=email-service",
                "/dead-letters?group=inventory-service", "/faults")) {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(console(path))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(path).isEqualTo(200);
        }
        assertThat(HTTP.send(HttpRequest.newBuilder(URI.create(console("/shop"))).build(), HttpResponse.BodyHandlers.ofString())
                .body()).as("the catalog from order-service").contains("SKU-020", "Cupping Spoon Set");
        assertThat(HTTP.send(HttpRequest.newBuilder(URI.create(console("/faults"))).build(), HttpResponse.BodyHandlers.ofString())
                .body()).as("the demo's switches").contains("data-switch=\"smtp\"", "data-switch=\"kafka\"", "data-switch=\"relay\"");
    }

    @Test
    void anOrderPlacedFromTheFormReachesEveryStepOfItsTimeline() {
        // given the console's checkout form
        ChromeDriver page = browser.driver();
        page.get(console("/shop"));
        String formKey = page.findElement(By.id("form-idempotency-key")).getText();
        WebElement grinder = page.findElement(By.id("qty-SKU-004"));
        grinder.clear();
        grinder.sendKeys("1");

        // when the shopper checks out
        page.findElement(By.id("place-order")).click();

        // then the journey page shows the order with the key it was placed with, and every step gets done
        await().atMost(Duration.ofSeconds(10)).until(() -> page.getCurrentUrl().contains("/orders/"));
        assertThat(page.findElement(By.id("idempotency-key")).getText()).isEqualTo(formKey);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertThat(page.findElement(By.id("timeline")).getDomAttribute("data-complete")).isEqualTo("true"));
        List<WebElement> steps = page.findElements(By.cssSelector("#timeline li"));
        assertThat(steps).extracting(step -> step.getDomAttribute("data-step"))
                .containsExactly("placed", "relayed", "email", "stock", "sale", "outcome");
        assertThat(steps).allSatisfy(step -> assertThat(step.getDomAttribute("data-state")).isEqualTo("DONE"));
        assertThat(page.findElement(By.cssSelector("li[data-step=email]")).getText()).contains("ada@example.com");
        browser.screenshot("console-order-journey");
    }

    @Test
    void smtpDownGrowsTheEmailBacklogWithoutDeadLettersAndItDrainsOnceSmtpIsBack() throws Exception {
        // given the overview, with every group caught up
        ChromeDriver page = browser.driver();
        page.get(console("/"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(figure(page, "email-service", "backlog")).isEqualTo("0"));

        // when SMTP is switched down from the page and shoppers keep checking out
        button(page, "Switch smtp down").click();
        try {
            smtpOutage(page);
        } finally {
            // Whatever failed above, the next test gets a mail server.
            HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + ports.control() + "/demo/faults/smtp/up"))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
        }
    }

    @Test
    void thePaymentProviderIsMadeSlowAndTakenDownFromThePageAndComesBack() throws Exception {
        // given the break-it page
        ChromeDriver page = browser.driver();
        page.get(console("/faults"));
        try {
            // when the provider is made slow, then it still answers, but never within a second (the delay is 1.5 s)
            button(page, "Make payment-provider slow").click();
            awaitProviderState(page, "slow");
            assertThat(providerAnswersWithin(Duration.ofSeconds(1))).isFalse();
            assertThat(providerAnswersWithin(Duration.ofSeconds(10))).isTrue();
            browser.screenshot("console-payment-provider-slow");

            // when it is made fast again, then it answers within a second again
            button(page, "Make payment-provider fast again").click();
            awaitProviderState(page, "up");
            await().atMost(Duration.ofSeconds(10)).until(() -> providerAnswersWithin(Duration.ofSeconds(1)));

            // when it is switched down, then nothing answers on its port; switched up, it answers again
            button(page, "Switch payment-provider down").click();
            awaitProviderState(page, "down");
            assertThat(providerAnswersWithin(Duration.ofSeconds(10))).isFalse();
            button(page, "Switch payment-provider up").click();
            awaitProviderState(page, "up");
            assertThat(providerAnswersWithin(Duration.ofSeconds(10))).isTrue();
        } finally {
            // Whatever failed above, the next test gets a provider that answers at once.
            for (String state : List.of("up", "normal")) {
                HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + ports.control()
                                + "/demo/faults/payment-provider/" + state)).POST(HttpRequest.BodyPublishers.noBody()).build(),
                        HttpResponse.BodyHandlers.discarding());
            }
        }
    }

    private static void awaitProviderState(ChromeDriver page, String state) {
        // (a restart of the provider takes seconds; htmx may swap the panel meanwhile, so look again each time)
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().untilAsserted(() -> assertThat(
                page.findElement(By.cssSelector("[data-switch=payment-provider] .state")).getText()).isEqualTo(state));
    }

    /** Whether the provider simulator answers its health check before the timeout. */
    private static boolean providerAnswersWithin(Duration timeout) throws InterruptedException {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + ports.of(SystemService.PAYMENT_PROVIDER)
                    + "/actuator/health")).timeout(timeout).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException timedOutOrRefused) {
            return false;
        }
    }

    private void smtpOutage(ChromeDriver page) throws Exception {
        // (htmx swaps the switches' panel every 3 s: an element found a moment ago may be gone, so look again)
        await().atMost(Duration.ofSeconds(15)).ignoreExceptions().untilAsserted(() ->
                assertThat(page.findElement(By.cssSelector("[data-switch=smtp] .state")).getText()).isEqualTo("down"));
        List<String> orders = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            orders.add(checkout("outage-" + i + "@example.com"));
        }

        // then the email backlog rises, the other groups keep up, and nothing is dead-lettered
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            assertThat(Integer.parseInt(figure(page, "email-service", "backlog"))).isPositive();
            assertThat(figure(page, "inventory-service", "backlog")).isEqualTo("0");
        });
        assertThat(figure(page, "email-service", "dead-letters")).isEqualTo("0");
        browser.screenshot("console-smtp-down");

        // when SMTP is switched up again (well within the retry schedule's ~25 s)
        await().atMost(Duration.ofSeconds(15)).ignoreExceptions().until(() -> {
            button(page, "Switch smtp up").click();
            return true;
        });

        // then the backlog drains to 0, still without a dead letter, and every order got its email
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertThat(figure(page, "email-service", "backlog")).isEqualTo("0"));
        assertThat(figure(page, "email-service", "dead-letters")).isEqualTo("0");
        for (String order : orders) {
            assertThat(get(ports.of(SystemService.EMAIL), "/emails?orderId=" + order).size()).as("emails of " + order).isEqualTo(1);
        }
        browser.screenshot("console-smtp-recovered");
    }

    @Test
    void aDeadLetterIsReplayedFromThePageAndItsEmailGoesOut() throws Exception {
        // given a record on the email group's DLT, as it lands there when its retries ran out
        UUID orderId = UUID.randomUUID();
        parkOnTheEmailDeadLetterTopic(orderId);
        ChromeDriver page = browser.driver();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            page.get(console("/dead-letters?group=email-service"));
            assertThat(page.findElements(By.linkText(orderId.toString()))).hasSize(1);
        });
        WebElement row = page.findElement(By.linkText(orderId.toString())).findElement(By.xpath("./ancestor::tr"));
        assertThat(row.getText()).contains("Mail server did not answer (parked by the test)");

        // when the operator replays it
        row.findElement(By.tagName("button")).click();

        // then the page says it was replayed, it is no longer parked, and the email was sent once
        // The click submits the form: the answer is a new page, which may take a moment on a busy machine.
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() ->
                assertThat(page.findElement(By.id("replay-message")).getText()).contains("1 done, 0 still failing"));
        assertThat(page.findElements(By.linkText(orderId.toString()))).isEmpty();
        assertThat(get(ports.of(SystemService.EMAIL), "/emails?orderId=" + orderId).size()).isEqualTo(1);
        browser.screenshot("console-dead-letter-replayed");
    }

    @Test
    @Order(Integer.MAX_VALUE - 1) // after the others: the scenario counts every email and order while it runs
    void theEmailOutageScenarioIsStartedFromThePageAndItsTableShowsEveryInvariantHeld() {
        // given the overview with its "break it" panel
        ChromeDriver page = browser.driver();
        page.get(console("/"));

        // when
        startScenario(page, "email-outage");

        // then the panel follows the run and ends with the scenario's own table and verdict
        String table = awaitScenarioTable(page, "email-outage");
        assertThat(table).contains("during outage", "emails delivered", "duplicate emails", "RESULT: every invariant held");
        browser.screenshot("console-email-outage-scenario");
    }

    @Test
    @Order(Integer.MAX_VALUE) // last: it sells one product out, which any later checkout of it would run into
    void theSoldOutScenarioIsStartedFromThePageAndItsBooksAddUp() {
        // given the overview with its live charts and "break it" panel
        ChromeDriver page = browser.driver();
        page.get(console("/"));

        // when 9 orders for a product with too little stock for all of them are placed at once from the page
        startScenario(page, "sold-out");

        // then the panel shows the run's progress lines, then its table: every order confirmed or cancelled, each
        // cancelled one refunded and told by email, nothing dead-lettered
        String table = awaitScenarioTable(page, "sold-out");
        long placed = ScenarioTables.number(table, "orders placed");
        long confirmed = ScenarioTables.number(table, "confirmed");
        long cancelled = ScenarioTables.number(table, "cancelled");
        assertThat(table).contains("9 of 9 orders placed; waiting for inventory",
                "every order settled: %d confirmed, %d cancelled".formatted(confirmed, cancelled));
        assertThat(placed).isEqualTo(9);
        assertThat(confirmed).as("orders the stock could serve").isPositive();
        assertThat(cancelled).as("orders the stock could not serve").isPositive();
        assertThat(confirmed + cancelled).isEqualTo(placed);
        assertThat(ScenarioTables.number(table, "refunds on the provider")).isEqualTo(cancelled);
        assertThat(ScenarioTables.number(table, "cancellation emails")).isEqualTo(cancelled);
        // (the confirmation goes out when the order is placed, so a cancelled one may have had one before its stock said no)
        assertThat(ScenarioTables.number(table, "confirmation emails")).isBetween(confirmed, placed);
        assertThat(ScenarioTables.number(table, "new dead letters (all groups)")).isZero();
        assertThat(table).contains("RESULT: the books balance");
        // the overview's live figures saw the run: the three consumers have caught up and parked nothing
        for (String group : List.of("email-service", "inventory-service", "analytics-service")) {
            await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
                assertThat(figure(page, group, "backlog")).as(group).isEqualTo("0");
                assertThat(figure(page, group, "dead-letters")).as(group).isEqualTo("0");
            });
        }
        // Tall enough for the charts and both scenarios' tables at once (the README's opening picture).
        page.manage().window().setSize(new Dimension(1400, 1900));
        page.executeScript("window.scrollTo(0, 0)");
        browser.screenshot("console-sold-out-scenario");
    }

    private static void startScenario(ChromeDriver page, String name) {
        // (htmx swaps the panel every 3 s, so an element found a moment ago may be gone: look again until it holds)
        await().atMost(Duration.ofSeconds(15)).ignoreExceptions().until(() -> {
            WebElement start = page.findElement(By.id("start-" + name));
            if (!start.isEnabled()) {
                return false;
            }
            start.click();
            return true;
        });
    }

    /** Waits for the run to finish with a verdict that every invariant held; what it printed. */
    private static String awaitScenarioTable(ChromeDriver page, String name) {
        AtomicReference<String> table = new AtomicReference<>();
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1)).ignoreExceptions().untilAsserted(() -> {
            assertThat(page.findElement(By.id(name + "-state")).getText()).isEqualTo("finished");
            assertThat(page.findElement(By.cssSelector("[data-scenario=" + name + "]")).getText()).contains("every invariant held");
            table.set(page.findElement(By.id(name + "-output")).getText());
        });
        return table.get();
    }

    /** The number on the line of the scenario's table that starts with this label (after its indent). */
    /** An OrderPlaced on {@code orders.email-service.dlt} with the headers the retry topics would have given it. */
    private static void parkOnTheEmailDeadLetterTopic(UUID orderId) throws Exception {
        OrderPlaced event = new OrderPlaced(orderId, "c-dlt", "parked@example.com",
                List.of(new OrderPlaced.OrderLine("SKU-005", "Paper Filters, 100 pcs", 1, 495)), 495, "EUR", Instant.now());
        ProducerRecord<String, byte[]> record = new ProducerRecord<>("orders.email-service.dlt", orderId.toString(),
                EventJson.write(event).getBytes(StandardCharsets.UTF_8));
        Map.of(EventHeaders.SPEC_VERSION, EventHeaders.SPEC_VERSION_VALUE,
                EventHeaders.ID, UUID.randomUUID().toString(),
                EventHeaders.TYPE, OrderPlaced.TYPE,
                EventHeaders.SOURCE, EventHeaders.ORDER_SERVICE_SOURCE,
                EventHeaders.SUBJECT, orderId.toString(),
                EventHeaders.CONTENT_TYPE, EventHeaders.JSON,
                "kafka_original-topic", "orders",
                "kafka_exception-message", "Mail server did not answer (parked by the test)")
                .forEach((name, value) -> record.headers().add(name, value.getBytes(StandardCharsets.UTF_8)));
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:" + ports.kafka(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class))) {
            producer.send(record).get();
        }
    }

    private static String figure(ChromeDriver page, String group, String metric) {
        return page.findElement(By.cssSelector("tr[data-group='" + group + "'] td[data-metric='" + metric + "']")).getText().strip();
    }

    private static WebElement button(ChromeDriver page, String label) {
        return await().atMost(Duration.ofSeconds(15)).ignoreExceptions()
                .until(() -> page.findElement(By.cssSelector("button[aria-label='" + label + "']")), button -> button.isDisplayed());
    }

    private static String checkout(String email) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + ports.of(SystemService.ORDER) + "/checkout"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"customerId":"c-7","email":"%s","items":[{"sku":"SKU-002","quantity":1}],"paymentToken":"tok_ok"}"""
                        .formatted(email))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(201);
        return JSON.readTree(response.body()).path("orderId").asString();
    }

    private static JsonNode get(int port, String path) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("GET " + path).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static JsonNode getConsole(String path) throws IOException, InterruptedException {
        return get(ports.of(SystemService.CONSOLE), path);
    }

    private static JsonNode last(JsonNode array) {
        assertThat(array.size()).isPositive();
        return array.get(array.size() - 1);
    }

    private static String console(String path) {
        return "http://localhost:" + ports.of(SystemService.CONSOLE) + path;
    }

    private static DemoPorts freePorts() {
        while (true) {
            DemoPorts candidate = DemoPorts.defaults().shiftedBy(ThreadLocalRandom.current().nextInt(20, 200) * 100);
            if (PortsInUse.firstClash(candidate).isEmpty()) {
                return candidate;
            }
        }
    }
}
