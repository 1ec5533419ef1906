package com.example.checkout.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.File;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The alert rules (monitoring/prometheus/checkout-alerts.yml) are valid Prometheus rules — checked by Prometheus'
 * own promtool, which also runs their unit tests (each alert fires on the series it is for and stays quiet on
 * healthy ones) — every alert pages with a runbook the README has, and Kubernetes' PrometheusRule carries exactly
 * the same groups. That every metric they name is exported is checked against running services in system-tests.
 */
class AlertRulesTests {

    private static final Path MONITORING = Architecture.repositoryRoot().resolve("monitoring/prometheus");
    private static final Path RULES = MONITORING.resolve("checkout-alerts.yml");
    private static final Path RULE_TESTS = MONITORING.resolve("checkout-alerts.test.yml");

    @Test
    void promtoolAcceptsTheRules() throws Exception {
        assertThat(promtool("check", "rules", RULES.toString())).contains("SUCCESS");
    }

    @Test
    void eachAlertFiresOnItsConditionAndOnlyThenAsItsPromtoolUnitTestsSay() throws Exception {
        assertThat(promtool("test", "rules", RULE_TESTS.toString())).contains("SUCCESS");
    }

    @Test
    void everyAlertHasASeverityASummaryAndARunbookInTheReadme() throws IOException {
        String readme = Files.readString(Architecture.repositoryRoot().resolve("README.md"));
        List<Map<String, Object>> alerts = rules(groups(read(RULES)));
        assertThat(alerts).isNotEmpty().allSatisfy(alert -> {
            String name = (String) alert.get("alert");
            assertThat(alert).as(name).containsKeys("expr", "labels", "annotations");
            assertThat(cast(alert.get("labels"))).as(name).containsKey("severity");
            assertThat(cast(alert.get("annotations"))).as(name).containsKeys("summary", "runbook");
            assertThat(readme).as("README runbook row for " + name).contains("| `" + name + "` |");
        });
    }

    @Test
    void kubernetesPrometheusRuleHasTheSameGroupsAsTheRuleFile() {
        Map<String, Object> rule = KubernetesManifests.readBase(Architecture.repositoryRoot())
                .get("PrometheusRule", "checkout-alerts");
        assertThat(KubernetesManifests.at(rule, "spec.groups")).isEqualTo(groups(read(RULES)));
    }

    @Test
    void kubernetesScrapesEveryServiceThroughThePrometheusOperatorNotAnnotations() {
        KubernetesManifests manifests = KubernetesManifests.readBase(Architecture.repositoryRoot());
        Map<String, Object> podMonitor = manifests.get("PodMonitor", "checkout");
        List<String> selected = ((List<?>) cast(((List<?>) KubernetesManifests.at(podMonitor,
                "spec.selector.matchExpressions")).get(0)).get("values")).stream().map(String::valueOf).toList();
        assertThat(selected).containsExactlyInAnyOrderElementsOf(Architecture.BASE_DATABASES.keySet());
        assertThat(KubernetesManifests.at(podMonitor, "spec.podMetricsEndpoints").toString())
                .contains("port=http", "path=/actuator/prometheus");
        for (String service : Architecture.BASE_DATABASES.keySet()) {
            assertThat(KubernetesManifests.at(manifests.get("Deployment", service), "spec.template.metadata.annotations"))
                    .as(service + " prometheus.io annotations").isNull();
        }
    }

    /** Runs Prometheus' promtool; skipped where it is not installed (.ci/run installs it). */
    private static String promtool(String... arguments) throws IOException, InterruptedException {
        assumeThat(onPath("promtool")).as("promtool on PATH (Debian package prometheus)").isTrue();
        ProcessBuilder builder = new ProcessBuilder("promtool");
        builder.command().addAll(List.of(arguments));
        Process process = builder.redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        return output;
    }

    private static boolean onPath(String command) {
        return Stream.of(System.getenv("PATH").split(File.pathSeparator))
                .anyMatch(directory -> Files.isExecutable(Path.of(directory, command)));
    }

    private static Map<String, Object> read(Path file) {
        try (Reader reader = Files.newBufferedReader(file)) {
            return new Yaml(new SafeConstructor(new LoaderOptions())).load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<?> groups(Map<String, Object> file) {
        return (List<?>) file.get("groups");
    }

    private static List<Map<String, Object>> rules(List<?> groups) {
        return groups.stream().flatMap(group -> ((List<?>) cast(group).get("rules")).stream())
                .map(AlertRulesTests::cast).toList();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Object map) {
        return (Map<String, Object>) map;
    }
}
