package com.example.checkout.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import com.example.checkout.services.SystemService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServiceJarsTests {

    @TempDir
    Path root;

    @Test
    void theChaosRunStartsEveryServiceWithDataOfItsOwnButNotTheConsole() {
        assertThat(ChaosSystem.SERVICES).contains(SystemService.PAYMENT_PROVIDER, SystemService.ORDER,
                SystemService.RELAY, SystemService.EMAIL, SystemService.INVENTORY, SystemService.ANALYTICS)
                .doesNotContain(SystemService.CONSOLE);
    }

    @Test
    void eachServiceJarIsFoundInItsModulesTargetFolder() throws IOException {
        // given a build tree with every service's exec jar beside its plain jar
        for (SystemService service : ChaosSystem.SERVICES) {
            Path target = Files.createDirectories(root.resolve(service.serviceName()).resolve("target"));
            Files.writeString(target.resolve(service.serviceName() + "-0.1.0-SNAPSHOT.jar"), "plain");
            Files.writeString(target.resolve(service.serviceName() + "-0.1.0-SNAPSHOT-exec.jar"), "exec");
        }

        // when
        ServiceJars jars = ServiceJars.inBuild(root);

        // then
        assertThat(jars.missing()).isEmpty();
        assertThat(jars.of(SystemService.RELAY))
                .isEqualTo(root.resolve("outbox-relay/target/outbox-relay-0.1.0-SNAPSHOT-exec.jar"));
    }

    @Test
    void missingJarsAreNamedInOneLineWithTheFix() throws IOException {
        // given a tree in which only order-service was built
        Path target = Files.createDirectories(root.resolve("order-service/target"));
        Files.writeString(target.resolve("order-service-0.1.0-SNAPSHOT-exec.jar"), "exec");

        // when
        ServiceJars jars = ServiceJars.inBuild(root);

        // then
        assertThat(jars.missing()).hasValueSatisfying(message -> assertThat(message)
                .contains("outbox-relay", "payment-provider", "analytics-service", "./mvnw -q package -DskipTests")
                .doesNotContain("order-service,", "console").doesNotContain("\n"));
        assertThatIllegalStateException().isThrownBy(() -> jars.of(SystemService.EMAIL))
                .withMessageContaining("email-service");
    }
}
