package com.example.checkout.deployment;

import static com.example.checkout.deployment.KubernetesManifests.at;
import static com.example.checkout.deployment.KubernetesManifests.cast;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.example.checkout.services.SystemService;

/**
 * Both overlays as {@code kubectl apply -k} would send them: rendered by a real kustomize ({@code kubectl kustomize})
 * and every object read as its type, unknown fields failing. Kubernetes kinds are checked with fabric8's model,
 * Strimzi's with Strimzi's own; CloudNativePG publishes no Java model, so its Cluster and Database are checked only
 * field by field (here and in {@link KubernetesManifestTests}). Not checked at all without a cluster: admission
 * (defaults, webhooks, quotas), the operators' own validation, and whether the images exist in a registry.
 */
class KubernetesOverlaysTests {

    private static final TypedKubernetesObjects TYPES = new TypedKubernetesObjects();

    @ParameterizedTest
    @ValueSource(strings = {"local", "production"})
    void everyRenderedObjectIsValidForItsType(String overlay) {
        KubernetesManifests rendered = KubernetesManifests.render(Architecture.repositoryRoot(), overlay);
        Map<String, List<String>> unknownFields = new LinkedHashMap<>();
        List<String> unmodelled = new ArrayList<>();

        for (Map<String, Object> object : rendered.resources()) {
            String name = object.get("kind") + " " + at(object, "metadata.name");
            if (TYPES.isModelled(object)) {
                List<String> unknown = TYPES.unknownFields(object);
                if (!unknown.isEmpty()) {
                    unknownFields.put(name, unknown);
                }
            } else {
                unmodelled.add(((String) object.get("apiVersion")).replaceFirst("/.*", ""));
            }
        }

        assertThat(unknownFields).as("fields the objects' types do not declare").isEmpty();
        assertThat(unmodelled).as("API groups without a model").allMatch(TypedKubernetesObjects.UNMODELLED_GROUPS::contains);
        assertThat(deployed(rendered)).as("every service with a database runs on Kubernetes")
                .containsAll(expected(overlay).stream().filter(service -> service.database().isPresent()).toList());
        assertThat(rendered.ofKind("Kafka")).hasSize(1);
    }

    @Test
    void anUnknownFieldIsReported() {
        Map<String, Object> deployment = cast(Map.of("apiVersion", "apps/v1", "kind", "Deployment",
                "metadata", Map.of("name", "x"),
                "spec", Map.of("replicas", 1, "template", Map.of("spec", Map.of("containers",
                        List.of(Map.of("name", "x", "image", "x:1", "memoryLimit", "1Gi")))))));
        Map<String, Object> kafka = cast(Map.of("apiVersion", "kafka.strimzi.io/v1", "kind", "Kafka",
                "metadata", Map.of("name", "x"),
                "spec", Map.of("kafka", Map.of("version", "4.2.1", "listners", List.of()))));

        assertThat(TYPES.unknownFields(deployment)).containsExactly(".spec.template.spec.containers[0].memoryLimit");
        assertThat(TYPES.unknownFields(kafka)).containsExactly(".spec.kafka.listners");
    }

    @ParameterizedTest
    @ValueSource(strings = {"local", "production"})
    void theOverlayCreatesItsNamespaceAndPutsEverythingInIt(String overlay) {
        KubernetesManifests rendered = KubernetesManifests.render(Architecture.repositoryRoot(), overlay);

        assertThat(rendered.ofKind("Namespace")).extracting(namespace -> at(namespace, "metadata.name"))
                .containsExactly("checkout");
        assertThat(rendered.resources()).filteredOn(object -> !"Namespace".equals(object.get("kind")))
                .allSatisfy(object -> assertThat(at(object, "metadata.namespace")).as(object.get("kind") + " "
                        + at(object, "metadata.name")).isEqualTo("checkout"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"local", "production"})
    void imagesAndVersionsArePinned(String overlay) {
        KubernetesManifests rendered = KubernetesManifests.render(Architecture.repositoryRoot(), overlay);

        // A full CloudNativePG tag (major.minor and the image flavour), not a floating "18".
        assertThat((String) at(rendered.ofKind("Cluster").get(0), "spec.imageName"))
                .matches("ghcr\\.io/cloudnative-pg/postgresql:\\d+\\.\\d+-[a-z]+-[a-z]+");
        Map<String, Object> kafka = rendered.ofKind("Kafka").get(0);
        assertThat((String) at(kafka, "spec.kafka.version")).matches("\\d+\\.\\d+\\.\\d+");
        assertThat((String) at(kafka, "spec.kafka.metadataVersion"))
                .startsWith(((String) at(kafka, "spec.kafka.version")).replaceFirst("\\.\\d+$", "") + "-IV");
        for (Map<String, Object> deployment : rendered.ofKind("Deployment")) {
            String image = (String) at(cast(((List<?>) at(deployment, "spec.template.spec.containers")).get(0)), "image");
            assertThat(image).as(image).matches(".+:[\\w.-]+").doesNotEndWith(":latest");
            if (overlay.equals("production")) {
                assertThat(image).as("a release tag, not a snapshot").doesNotContain("SNAPSHOT");
            }
        }
    }

    @Test
    void productionSendsMailOnlyAuthenticatedOverStartTlsWithCredentialsFromASecret() {
        KubernetesManifests production = KubernetesManifests.render(Architecture.repositoryRoot(), "production");
        Map<String, String> environment = production.environment(SystemService.EMAIL.serviceName());

        assertThat(environment).containsEntry("SPRING_MAIL_PORT", "587")
                .containsEntry("SPRING_MAIL_PROPERTIES_MAIL_SMTP_AUTH", "true")
                .containsEntry("SPRING_MAIL_PROPERTIES_MAIL_SMTP_STARTTLS_ENABLE", "true")
                .containsEntry("SPRING_MAIL_PROPERTIES_MAIL_SMTP_STARTTLS_REQUIRED", "true");
        List<?> env = (List<?>) production.container(SystemService.EMAIL.serviceName()).get("env");
        for (String variable : List.of("SPRING_MAIL_USERNAME", "SPRING_MAIL_PASSWORD")) {
            assertThat(env).map(entry -> cast(entry)).filteredOn(entry -> variable.equals(entry.get("name")))
                    .singleElement().satisfies(entry -> assertThat(at(entry, "valueFrom.secretKeyRef.name"))
                            .isEqualTo("checkout-smtp-credentials"));
        }
    }

    @Test
    void productionKeepsTheRelaysSlotsOnTheStandbysSoAPostgresFailoverLosesNoEvent() {
        KubernetesManifests production = KubernetesManifests.render(Architecture.repositoryRoot(), "production");
        Map<String, Object> cluster = production.get("Cluster", "checkout-db");

        assertThat(at(cluster, "spec.instances")).isEqualTo(3);
        assertThat(at(cluster, "spec.replicationSlots.highAvailability.synchronizeLogicalDecoding")).isEqualTo(true);
        assertThat(at(cluster, "spec.postgresql.parameters.hot_standby_feedback")).isEqualTo("on");
        assertThat(production.environment(SystemService.RELAY.serviceName()))
                .containsEntry("CHECKOUT_RELAY_SLOT_FAILOVER", "true");
    }

    @ParameterizedTest
    @ValueSource(strings = {"local", "production"})
    void everyEnvironmentVariableOfTheOverlayBindsToAPropertyTheServiceDeclares(String overlay) {
        KubernetesManifests rendered = KubernetesManifests.render(Architecture.repositoryRoot(), overlay);
        List<String> unbound = new ArrayList<>();
        for (SystemService service : deployed(rendered)) {
            ServiceJar.of(Architecture.repositoryRoot(), service.serviceName())
                    .variablesSettingNothing(rendered.environment(service.serviceName()))
                    .forEach(variable -> unbound.add(service.serviceName() + ": " + variable));
        }

        assertThat(unbound).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"local", "production"})
    void eachServiceLogsInAsItsOwnRoleFromItsOwnSecret(String overlay) {
        KubernetesManifests rendered = KubernetesManifests.render(Architecture.repositoryRoot(), overlay);
        Map<String, Object> cluster = rendered.ofKind("Cluster").get(0);
        List<?> roles = (List<?>) at(cluster, "spec.managed.roles");
        List<String> hba = strings(at(cluster, "spec.postgresql.pg_hba"));

        for (SystemService service : expected(overlay)) {
            if (service.databaseRole().isEmpty()) {
                continue;
            }
            String role = service.databaseRole().orElseThrow();
            String database = service.database().orElseThrow();
            String secret = service.serviceName() + "-db";
            List<?> env = (List<?>) rendered.container(service.serviceName()).get("env");
            assertThat(env).map(entry -> cast(entry))
                    .filteredOn(entry -> ((String) entry.get("name")).startsWith("SPRING_DATASOURCE_USERNAME")
                            || ((String) entry.get("name")).startsWith("SPRING_DATASOURCE_PASSWORD"))
                    .hasSize(2)
                    .allSatisfy(entry -> assertThat(at(entry, "valueFrom.secretKeyRef.name")).isEqualTo(secret));
            assertThat(roles).map(entry -> cast(entry)).filteredOn(entry -> role.equals(entry.get("name")))
                    .singleElement().satisfies(entry -> {
                        assertThat(at(entry, "passwordSecret.name")).isEqualTo(secret);
                        assertThat(Boolean.TRUE.equals(entry.get("replication"))).as(role + " REPLICATION")
                                .isEqualTo(service == SystemService.ORDER || service == SystemService.RELAY
                                        || service == SystemService.INVENTORY);
                    });
            assertThat(hba).as("pg_hba").contains("host " + database + " " + role + " all scram-sha-256");
            if (service.ownsDatabase()) {
                Object owner = database.equals(at(cluster, "spec.bootstrap.initdb.database"))
                        ? at(cluster, "spec.bootstrap.initdb.owner")
                        : rendered.ofKind("Database").stream().filter(d -> database.equals(at(d, "spec.name")))
                                .findFirst().map(d -> at(d, "spec.owner")).orElse(null);
                assertThat(owner).as("owner of " + database).isEqualTo(role);
            }
            if (overlay.equals("local")) {
                assertThat(rendered.get("Secret", secret).get("stringData") != null
                        || rendered.get("Secret", secret).get("data") != null).isTrue();
            }
        }
        assertThat(hba).contains("host inventory outbox_relay all scram-sha-256");
        assertThat(hba.get(hba.size() - 1)).as("everything else is refused").isEqualTo("host all all all reject");
        // REPLICATION from the bootstrap on, before order-service's slot migration can run (managed.roles come later).
        assertThat(strings(at(cluster, "spec.bootstrap.initdb.postInitSQL")))
                .contains("ALTER ROLE order_service REPLICATION", "CREATE ROLE outbox_relay LOGIN REPLICATION");
    }

    @Test
    void theLocalOverlayRunsThePaymentProviderSimulatorOnItsPortWithItsOwnDatabase() {
        KubernetesManifests local = KubernetesManifests.render(Architecture.repositoryRoot(), "local");
        SystemService provider = SystemService.PAYMENT_PROVIDER;
        Map<String, Object> container = local.container(provider.serviceName());

        assertThat(at(cast(((List<?>) container.get("ports")).get(0)), "containerPort")).isEqualTo(provider.port());
        assertThat(at(cast(((List<?>) at(local.get("Service", provider.serviceName()), "spec.ports")).get(0)), "port"))
                .isEqualTo(provider.port());
        assertThat(at(container, "readinessProbe.httpGet.path")).isEqualTo("/actuator/health/readiness");
        assertThat(at(container, "livenessProbe.httpGet.path")).isEqualTo("/actuator/health/liveness");
        assertThat(local.environment(provider.serviceName())).containsEntry("SPRING_DATASOURCE_URL",
                "jdbc:postgresql://checkout-db-rw:5432/" + provider.database().orElseThrow());
    }

    @Test
    void theOrderServiceChargesTheSimulatorLocallyAndARealProviderWithAKeyFromASecretInProduction() {
        KubernetesManifests local = KubernetesManifests.render(Architecture.repositoryRoot(), "local");
        KubernetesManifests production = KubernetesManifests.render(Architecture.repositoryRoot(), "production");
        String order = SystemService.ORDER.serviceName();
        SystemService simulator = SystemService.PAYMENT_PROVIDER;

        assertThat(local.environment(order)).containsEntry("CHECKOUT_PAYMENT_BASE_URL",
                "http://" + simulator.serviceName() + ":" + simulator.port());
        assertThat(local.get("Service", simulator.serviceName())).isNotNull();
        assertThat(production.environment(order).get("CHECKOUT_PAYMENT_BASE_URL")).startsWith("https://")
                .doesNotContain(simulator.serviceName());
        List<?> env = (List<?>) production.container(order).get("env");
        assertThat(env).map(entry -> cast(entry)).filteredOn(entry -> "CHECKOUT_PAYMENT_API_KEY".equals(entry.get("name")))
                .singleElement().satisfies(entry -> {
                    assertThat(at(entry, "valueFrom.secretKeyRef.name")).isEqualTo("checkout-payment-provider");
                    assertThat(at(entry, "valueFrom.secretKeyRef.key")).isEqualTo("api-key");
                });
    }

    @Test
    void productionRunsNoStandInOfAThirdParty() {
        KubernetesManifests production = KubernetesManifests.render(Architecture.repositoryRoot(), "production");
        Map<String, Object> cluster = production.ofKind("Cluster").get(0);

        for (SystemService standIn : Architecture.STAND_INS) {
            assertThat(deployed(production)).doesNotContain(standIn);
            assertThat(production.resources()).as(standIn.serviceName())
                    .noneMatch(object -> standIn.serviceName().equals(at(object, "metadata.name")));
            assertThat(production.ofKind("Database")).extracting(database -> at(database, "spec.name"))
                    .doesNotContain(standIn.database().orElseThrow());
            assertThat(strings(at(cluster, "spec.postgresql.pg_hba")))
                    .noneMatch(line -> line.contains(standIn.databaseRole().orElseThrow()));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"local", "production"})
    void theRelayGetsMoreTimeToStopThanItsDrainTakes(String overlay) {
        KubernetesManifests rendered = KubernetesManifests.render(Architecture.repositoryRoot(), overlay);
        Object grace = at(rendered.get("Deployment", SystemService.RELAY.serviceName()), "spec.template.spec.terminationGracePeriodSeconds");

        // The relay's own bound: 30 s for Debezium's close, 30 s for the engine to stop, 5 s for the producer.
        assertThat(((Number) grace).intValue()).isGreaterThan(65);
    }

    private static List<String> strings(Object list) {
        return ((List<?>) list).stream().map(String::valueOf).toList();
    }

    /** The services the overlay must run: all, but production leaves the stand-ins of third parties out. */
    private static List<SystemService> expected(String overlay) {
        return Arrays.stream(SystemService.values())
                .filter(service -> overlay.equals("local") || !Architecture.STAND_INS.contains(service)).toList();
    }

    /** The services the overlay runs. */
    private static List<SystemService> deployed(KubernetesManifests rendered) {
        List<Object> names = rendered.ofKind("Deployment").stream().map(deployment -> at(deployment, "metadata.name")).toList();
        return Arrays.stream(SystemService.values()).filter(service -> names.contains(service.serviceName())).toList();
    }
}
