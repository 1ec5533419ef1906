package com.example.checkout.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;

import org.junit.jupiter.api.Test;

import com.example.checkout.deployment.ComposeFile.ComposeService;
import com.example.checkout.deployment.ServiceJar.DeclaredProperty;
import com.example.checkout.services.SystemService;

/**
 * docker-compose.yml read as compose reads it and held against the services' jars and the one list of services (SystemService).
 * No Docker engine needed: this is what can be known about {@code docker compose up} without running it.
 */
class DockerComposeConfigurationTests {

    private final ComposeFile compose = Architecture.composeFile();

    /** Links a person's browser opens from the host (so on localhost), which no service connects to. */
    private static final Set<String> BROWSER_LINKS = Set.of("CHECKOUT_CONSOLE_TRACE_URL");

    @Test
    void composeRunsEveryServiceAndTheirInfrastructure() {
        assertThat(compose.applications()).extracting(ComposeService::name)
                .containsExactlyInAnyOrderElementsOf(Arrays.stream(SystemService.values()).map(SystemService::serviceName).toList());
        assertThat(compose.services()).containsKeys("postgres", "kafka", "mailpit");
    }

    @Test
    void everyEnvironmentVariableBindsToAPropertyTheServiceDeclares() {
        List<String> unbound = new ArrayList<>();
        for (ComposeService service : compose.applications()) {
            ServiceJar.of(Architecture.repositoryRoot(), service.name())
                    .variablesSettingNothing(service.environment())
                    .forEach(variable -> unbound.add(service.name() + ": " + variable));
        }

        assertThat(unbound).as("environment variables that set no property the service declares").isEmpty();
    }

    @Test
    void aVariableTheServiceDoesNotDeclareIsCaught() {
        List<DeclaredProperty> declared = ServiceJar.of(Architecture.repositoryRoot(), "order-service")
                .declaredProperties();

        assertThat(RelaxedBinding.propertiesSetBy("SPRING_DATASOURCE_URL", "jdbc:postgresql://postgres:5432/orders",
                declared)).containsExactly("spring.datasource.url");
        assertThat(RelaxedBinding.propertiesSetBy("SPRING_DATASOURCE_URI", "jdbc:postgresql://postgres:5432/orders",
                declared)).isEmpty();
        assertThat(RelaxedBinding.propertiesSetBy("CHECKOUT_NO_SUCH_SETTING", "1", declared)).isEmpty();
    }

    @Test
    void theServicesOwnSettingsAreDeclaredSoTheirVariablesCanBeChecked() {
        // Without the configuration processor's metadata the checkout.* records would be invisible here, and
        // every CHECKOUT_* variable would be reported as binding to nothing.
        assertThat(bound("order-service", "CHECKOUT_IDEMPOTENCY_RETENTION", "48h"))
                .containsExactly("checkout.idempotency.retention");
        assertThat(bound("outbox-relay", "CHECKOUT_RELAY_SLOT_NAME", "outbox_relay"))
                .containsExactly("checkout.relay.slot-name");
        assertThat(bound("email-service", "CHECKOUT_EMAIL_FROM", "shop@example.com"))
                .containsExactly("checkout.email.from");
        assertThat(bound("email-service", "SPRING_MAIL_HOST", "mailpit")).containsExactly("spring.mail.host");
        for (String consumer : List.of("email-service", "inventory-service", "analytics-service")) {
            assertThat(bound(consumer, "CHECKOUT_CONSUMER_REPLICATION_FACTOR", "3")).as(consumer)
                    .containsExactly("checkout.consumer.replication-factor");
            assertThat(bound(consumer, "SPRING_KAFKA_CONSUMER_GROUP_ID", consumer)).as(consumer)
                    .containsExactly("spring.kafka.consumer.group-id");
        }
    }

    @Test
    void everyHostAServicePointsAtIsAComposeServiceListeningOnThatPort() {
        List<String> wrong = new ArrayList<>();
        for (ComposeService service : compose.applications()) {
            Map<String, String> environment = service.environment();
            environment.forEach((variable, value) -> {
                if (BROWSER_LINKS.contains(variable)) {
                    return;
                }
                Matcher endpoint = ComposeFile.ENDPOINT.matcher(value);
                while (endpoint.find()) {
                    checkEndpoint(service, variable, endpoint.group(1), Integer.parseInt(endpoint.group(2)), wrong);
                }
                if (variable.endsWith("_HOST")) {
                    String portVariable = variable.substring(0, variable.length() - "_HOST".length()) + "_PORT";
                    String port = environment.get(portVariable);
                    if (port == null) {
                        wrong.add(service.name() + ": " + variable + " has no " + portVariable);
                    }
                    else {
                        checkEndpoint(service, variable, value, Integer.parseInt(port), wrong);
                    }
                }
            });
        }

        assertThat(wrong).isEmpty();
    }

    @Test
    void eachServiceListensOnItsArchitecturePortAndPublishesIt() {
        for (ComposeService service : compose.applications()) {
            int port = Architecture.PORTS.get(service.name());
            Object configuredPort = ServiceJar.of(Architecture.repositoryRoot(), service.name()).configuration()
                    .get("server.port");

            assertThat(service.buildArgs()).as(service.name()).containsEntry("PORT", String.valueOf(port));
            assertThat(service.ports()).as(service.name()).contains(port + ":" + port);
            assertThat(String.valueOf(configuredPort)).as(service.name() + ".yml server.port")
                    .isEqualTo(String.valueOf(port));
        }
        assertThat(compose.service("mailpit").ports()).as("Mailpit's web inbox").contains("8025:8025");
    }

    @Test
    void eachServiceUsesItsOwnDatabase() {
        for (ComposeService service : compose.applications()) {
            String database = Architecture.DATABASES.get(service.name());
            if (database == null) {
                // The console owns no database and reads none.
                assertThat(service.environment()).as(service.name()).doesNotContainKey("SPRING_DATASOURCE_URL");
            }
            else {
                assertThat(service.environment().get("SPRING_DATASOURCE_URL")).as(service.name())
                        .isEqualTo("jdbc:postgresql://postgres:5432/" + database);
            }
        }
    }

    @Test
    void theRelayGetsMoreTimeToStopThanItsDrainTakes() {
        Object grace = compose.service(SystemService.RELAY.serviceName()).definition().get("stop_grace_period");

        // The relay's own bound: 30 s for Debezium's close, 30 s for the engine to stop, 5 s for the producer.
        assertThat(String.valueOf(grace)).matches("\\d+s");
        assertThat(Integer.parseInt(String.valueOf(grace).replace("s", ""))).isGreaterThan(65);
    }

    @Test
    void everyContainerHasItsOwnMemoryLimit() {
        for (ComposeService service : compose.services().values()) {
            assertThat(String.valueOf(service.definition().get("mem_limit"))).as(service.name() + " mem_limit")
                    .matches("\\d+[mg]");
        }
    }

    @Test
    void eachServiceLogsInAsItsOwnRoleWithThePasswordComposeGivesThatRole() throws IOException {
        Path initScripts = Architecture.repositoryRoot().resolve("compose/postgres");
        String roles = Files.readString(initScripts.resolve("20-service-roles.sql"));
        String passwords = Files.readString(initScripts.resolve("30-service-passwords.sh"));
        Map<String, String> postgres = compose.service("postgres").environment();
        assertThat(compose.service("postgres").definition().get("volumes").toString())
                .contains("./compose/postgres:/docker-entrypoint-initdb.d");

        for (SystemService service : SystemService.values()) {
            if (service.databaseRole().isEmpty()) {
                continue;
            }
            String role = service.databaseRole().orElseThrow();
            String passwordVariable = role.toUpperCase(Locale.ROOT) + "_DB_PASSWORD";
            Map<String, String> environment = compose.service(service.serviceName()).environment();

            assertThat(environment).as(service.serviceName()).containsEntry("SPRING_DATASOURCE_USERNAME", role);
            assertThat(postgres).as("postgres sets %s's password from", role).containsKey(passwordVariable);
            assertThat(environment.get("SPRING_DATASOURCE_PASSWORD")).as(service.serviceName() + "'s password")
                    .isEqualTo(postgres.get(passwordVariable));
            assertThat(passwords).as("30-service-passwords.sh").contains("set_password " + role + " \"$" + passwordVariable + "\"");
            // One row per role in the script's list: the role and the database it owns (NULL for the relay).
            String owned = service.ownsDatabase() ? "'" + service.database().orElseThrow() + "'" : "NULL";
            assertThat(roles.replaceAll(" +", " ")).as("20-service-roles.sql creates " + role)
                    .contains("('" + role + "', " + owned + ")");
        }
        assertThat(roles).contains("REVOKE ALL ON DATABASE postgres FROM PUBLIC;",
                "EXECUTE format('REVOKE ALL ON DATABASE %I FROM PUBLIC', service.database_name);");
    }

    @Test
    void everyApplicationServiceHasAHealthCheckAndStartsOnlyOnceItsDependenciesAreHealthy() {
        for (ComposeService service : compose.applications()) {
            assertThat(service.healthcheckTest()).as(service.name() + " healthcheck").isNotEmpty();
            assertThat(service.dependsOn()).as(service.name() + " depends_on").isNotEmpty()
                    .allSatisfy((dependency, condition) -> assertThat(condition).isEqualTo("service_healthy"));
        }
    }

    @Test
    void everyServiceWaitedForHasAHealthCheck() {
        for (ComposeService service : compose.services().values()) {
            for (String dependency : service.dependsOn().keySet()) {
                assertThat(compose.service(dependency).healthcheckTest())
                        .as(service.name() + " waits for " + dependency + " to be healthy").isNotEmpty();
            }
        }
    }

    @Test
    void theStartOrderFollowsTheDataFlow() {
        List<String> order = compose.startOrder().stream().map(ComposeService::name).toList();

        // The order service charges through the payment provider. The order and inventory services' migrations
        // create the slots and publications the relay streams from (a missing slot keeps the relay DOWN); the relay
        // declares the orders topic the other consumers read.
        assertThat(order.indexOf("payment-provider")).isLessThan(order.indexOf("order-service"));
        for (String source : List.of("order-service", "inventory-service")) {
            assertThat(order.indexOf(source)).as(source).isLessThan(order.indexOf("outbox-relay"));
        }
        for (String consumer : List.of("email-service", "analytics-service")) {
            assertThat(order.indexOf("outbox-relay")).as(consumer).isLessThan(order.indexOf(consumer));
        }
    }

    private static List<String> bound(String service, String variable, String value) {
        return RelaxedBinding.propertiesSetBy(variable, value,
                ServiceJar.of(Architecture.repositoryRoot(), service).declaredProperties());
    }

    private void checkEndpoint(ComposeService service, String variable, String host, int port, List<String> wrong) {
        if (!compose.services().containsKey(host)) {
            wrong.add(service.name() + ": " + variable + " points at " + host + ", which is not a compose service");
        }
        else if (listeningPort(compose.service(host)) != port) {
            wrong.add(service.name() + ": " + variable + " uses port " + port + " but " + host + " listens on "
                    + listeningPort(compose.service(host)));
        }
    }

    private static int listeningPort(ComposeService service) {
        return service.isApplication() ? Integer.parseInt(service.buildArgs().get("PORT"))
                : Architecture.PORTS.get(service.name());
    }
}
