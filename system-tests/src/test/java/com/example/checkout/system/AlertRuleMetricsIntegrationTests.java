package com.example.checkout.system;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.example.checkout.infrastructure.Infrastructure;
import com.example.checkout.infrastructure.SharedInfrastructure;
import com.example.checkout.services.SystemService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every metric the alert rules and the dashboard name is one a running service exports: an alert on a metric
 * nobody exports never fires, and nothing else would notice. The five services run as in the demo; after one checkout has reached every
 * consumer, the union of their {@code /actuator/prometheus} scrapes must hold each name the rules' expressions use.
 */
class AlertRuleMetricsIntegrationTests {

    static final Path ALERT_RULES = Path.of("..", "monitoring", "prometheus", "checkout-alerts.yml");
    static final Path DASHBOARD = Path.of("..", "monitoring", "grafana", "checkout-flow.json");

    private static final Infrastructure INFRASTRUCTURE = SharedInfrastructure.get();
    private static final RunningServices SERVICES = new RunningServices(INFRASTRUCTURE);
    /** The services whose metrics the rules and the dashboard use (the console exports none of its own). */
    private static final List<SystemService> SCRAPED = List.of(SystemService.ORDER, SystemService.RELAY,
            SystemService.EMAIL, SystemService.INVENTORY, SystemService.ANALYTICS);

    // A metric name where it is a selector: not a function, keyword, label or string.
    private static final Pattern NAME = Pattern.compile("(?<![\\w:.\"])[a-zA-Z_:][\\w:]*+(?!\\s*\\()");
    private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "bool", "offset", "inf", "nan");

    @BeforeAll
    static void startTheSystem() {
        SERVICES.start(SCRAPED.toArray(SystemService[]::new));
    }

    @AfterAll
    static void stopTheSystem() {
        SERVICES.close();
    }

    @Test
    void everyMetricTheAlertRulesAndTheDashboardNameIsExportedByARunningService() {
        // given: the metrics the rules and the dashboard use, and a checkout that went through the whole pipeline
        Set<String> alerted = alertedMetrics();
        assertThat(alerted).contains("checkout_consumer_dlt_parked", "relay_streaming");
        Set<String> charted = dashboardMetrics();
        assertThat(charted).contains("checkout_email_send_seconds_bucket", "kafka_consumer_fetch_manager_records_lag");
        UUID orderId = UUID.fromString(SERVICES.api(SystemService.ORDER).post("/checkout", """
                {"customerId":"c-alerts","email":"alerts@example.com","items":[{"sku":"SKU-004","quantity":1}],
                 "paymentToken":"tok_ok"}""", 201).get("orderId").asString());
        await().atMost(Duration.ofSeconds(90)).until(() -> SERVICES.mailsAbout(orderId) == 1);

        // then (the Kafka clients' meters are bound a little after their first fetch)
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            Set<String> exported = exportedMetrics();
            assertThat(alerted).as("metrics the alert rules name").isSubsetOf(exported);
            assertThat(charted).as("metrics the dashboard charts").isSubsetOf(exported);
        });
    }

    @Test
    void metricNamesAreReadFromExpressionsNotFromFunctionsLabelsOrStrings() {
        assertThat(metricNames("""
                (sum by (le, application) (rate(relay_delay_seconds_bucket{uri="/x",le!="y"}[5m])) > 1
                 and on (application) delta(lag_total[5m:1m]) > 0) or vector(0) unless absent(up)"""))
                .containsExactlyInAnyOrder("relay_delay_seconds_bucket", "lag_total", "up");
    }

    /** The metric names of every alert's expression. */
    @SuppressWarnings("unchecked")
    static Set<String> alertedMetrics() {
        try (Reader reader = Files.newBufferedReader(ALERT_RULES)) {
            Map<String, Object> file = new Yaml(new SafeConstructor(new LoaderOptions())).load(reader);
            Set<String> names = new TreeSet<>();
            for (Map<String, Object> group : (List<Map<String, Object>>) file.get("groups")) {
                for (Map<String, Object> rule : (List<Map<String, Object>>) group.get("rules")) {
                    names.addAll(metricNames((String) rule.get("expr")));
                }
            }
            return names;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + ALERT_RULES.toAbsolutePath(), e);
        }
    }

    /** The metric names of every dashboard panel's queries. */
    static Set<String> dashboardMetrics() {
        try {
            Set<String> names = new TreeSet<>();
            for (JsonNode panel : JsonMapper.shared().readTree(Files.readString(DASHBOARD)).path("panels")) {
                for (JsonNode target : panel.path("targets")) {
                    names.addAll(metricNames(target.path("expr").asString()));
                }
            }
            return names;
        } catch (IOException | JacksonException e) {
            throw new IllegalStateException("cannot read " + DASHBOARD.toAbsolutePath(), e);
        }
    }

    static Set<String> metricNames(String expression) {
        String selectors = expression
                .replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"", "\"\"")
                .replaceAll("\\{[^}]*}", " ")
                .replaceAll("\\[[^]]*]", " ")
                .replaceAll("\\b(?:by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ");
        Set<String> names = new TreeSet<>();
        Matcher name = NAME.matcher(selectors);
        while (name.find()) {
            if (!KEYWORDS.contains(name.group().toLowerCase())) {
                names.add(name.group());
            }
        }
        return names;
    }

    /** The series names in the five services' scrapes. */
    private static Set<String> exportedMetrics() {
        Set<String> names = new TreeSet<>();
        for (SystemService service : SCRAPED) {
            String scrape = SERVICES.api(service).raw("/actuator/prometheus").body();
            scrape.lines().filter(line -> !line.isBlank() && !line.startsWith("#"))
                    .map(line -> line.split("[{ ]", 2)[0])
                    .forEach(names::add);
        }
        return names;
    }
}
