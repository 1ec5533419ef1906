package com.example.checkout.deployment;

import static com.example.checkout.deployment.KubernetesManifests.at;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.example.checkout.services.SystemService;

/**
 * The Kustomize base held against the service jars and the one list of services (SystemService), but for the stand-ins
 * of third parties, which only the local overlay adds ({@link KubernetesOverlaysTests}). It cannot be applied here (no cluster,
 * no operators); this checks what can be known from the files: the Deployments configure properties the services
 * declare and point at the resources the operators create.
 */
class KubernetesManifestTests {

    private final KubernetesManifests base = KubernetesManifests.readBase(Architecture.repositoryRoot());

    @Test
    void everyEnvironmentVariableBindsToAPropertyTheServiceDeclares() {
        List<String> unbound = new ArrayList<>();
        for (String service : Architecture.BASE_DATABASES.keySet()) {
            ServiceJar.of(Architecture.repositoryRoot(), service)
                    .variablesSettingNothing(base.environment(service))
                    .forEach(variable -> unbound.add(service + ": " + variable));
        }

        assertThat(unbound).as("environment variables that set no property the service declares").isEmpty();
    }

    @Test
    void theConsoleGetsEveryVariableComposeGivesItAndEachBindsToAProperty() {
        String console = SystemService.CONSOLE.serviceName();
        Map<String, String> kubernetes = base.environment(console);

        assertThat(kubernetes.keySet()).as("what compose sets for the console")
                .containsAll(Architecture.composeFile().service(console).environment().keySet());
        assertThat(ServiceJar.of(Architecture.repositoryRoot(), console).variablesSettingNothing(kubernetes))
                .as("environment variables that set no property the console declares").isEmpty();
    }

    @Test
    void eachServiceUsesItsOwnDatabaseOnThePostgresClusterPrimary() {
        String cluster = (String) at(base.ofKind("Cluster").get(0), "metadata.name");

        for (var service : Architecture.BASE_DATABASES.entrySet()) {
            // CloudNativePG's read-write Service is named <cluster>-rw.
            assertThat(base.environment(service.getKey())).as(service.getKey())
                    .containsEntry("SPRING_DATASOURCE_URL",
                            "jdbc:postgresql://" + cluster + "-rw:5432/" + service.getValue());
        }
    }

    @Test
    void thePostgresClusterHasEveryDatabaseAndLogicalReplication() {
        Map<String, Object> cluster = base.ofKind("Cluster").get(0);
        List<Object> databases = new ArrayList<>();
        databases.add(at(cluster, "spec.bootstrap.initdb.database"));
        base.ofKind("Database").forEach(database -> databases.add(at(database, "spec.name")));

        assertThat(databases).containsExactlyInAnyOrderElementsOf(Architecture.BASE_DATABASES.values().stream()
                .distinct().toList());
        assertThat(at(cluster, "spec.postgresql.parameters.wal_level")).isEqualTo("logical");
    }

    @Test
    void theKafkaClientsUseTheStrimziBootstrapService() {
        Map<String, Object> kafka = base.ofKind("Kafka").get(0);
        List<?> listeners = (List<?>) at(kafka, "spec.kafka.listeners");
        Object plainPort = at(KubernetesManifests.cast(listeners.get(0)), "port");

        for (String service : List.of("outbox-relay", "email-service", "inventory-service", "analytics-service")) {
            // Strimzi's bootstrap Service is named <cluster>-kafka-bootstrap.
            assertThat(base.environment(service)).as(service).containsEntry("SPRING_KAFKA_BOOTSTRAP_SERVERS",
                    at(kafka, "metadata.name") + "-kafka-bootstrap:" + plainPort);
        }
        assertThat(base.get("KafkaTopic", "orders")).isNotNull();
    }

    @Test
    void theConsumersCreateRetryTopicsShapedLikeOrdersThatTheBrokersAcceptWritesTo() {
        Map<String, Object> orders = base.get("KafkaTopic", "orders");
        Map<?, ?> brokerConfig = (Map<?, ?>) at(base.ofKind("Kafka").get(0), "spec.kafka.config");
        int minInsyncReplicas = Integer.parseInt(String.valueOf(brokerConfig.get("min.insync.replicas")));

        for (String consumer : List.of("email-service", "inventory-service", "analytics-service")) {
            Map<String, String> environment = base.environment(consumer);

            assertThat(environment).as(consumer)
                    .containsEntry("CHECKOUT_CONSUMER_PARTITIONS", String.valueOf(at(orders, "spec.partitions")))
                    .containsEntry("CHECKOUT_CONSUMER_REPLICATION_FACTOR", String.valueOf(at(orders, "spec.replicas")));
            // acks=all on a topic with fewer replicas than min.insync.replicas fails every write.
            assertThat(Integer.parseInt(environment.get("CHECKOUT_CONSUMER_REPLICATION_FACTOR"))).as(consumer)
                    .isGreaterThanOrEqualTo(minInsyncReplicas);
        }
    }

    @Test
    void eachServiceListensOnItsArchitecturePortAndIsProbedOnTheActuatorGroups() {
        for (String service : Architecture.BASE_DATABASES.keySet()) {
            Map<String, Object> container = base.container(service);
            int port = Architecture.PORTS.get(service);

            assertThat(at(KubernetesManifests.cast(((List<?>) container.get("ports")).get(0)), "containerPort"))
                    .as(service).isEqualTo(port);
            assertThat(at(KubernetesManifests.cast(((List<?>) at(base.get("Service", service), "spec.ports"))
                    .get(0)), "port")).as(service + " Service").isEqualTo(port);
            assertThat(at(container, "livenessProbe.httpGet.path")).isEqualTo("/actuator/health/liveness");
            assertThat(at(container, "readinessProbe.httpGet.path")).isEqualTo("/actuator/health/readiness");
        }
    }
}
