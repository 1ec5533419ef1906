package com.example.checkout.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class InfrastructureModeTests {

    private static final BooleanSupplier NO_DOCKER_ENGINE = () -> false;
    private static final BooleanSupplier DOCKER_ENGINE = () -> true;
    private static final BooleanSupplier NOT_ASKED = () -> {
        throw new AssertionError("the Docker engine was probed");
    };

    @Test
    void autoRunsEmbeddedWhenNoDockerEngineAnswers() {
        assertThat(InfrastructureMode.AUTO.resolve(NO_DOCKER_ENGINE)).isEqualTo(InfrastructureMode.EMBEDDED);
    }

    @Test
    void autoRunsContainersWhenADockerEngineAnswers() {
        assertThat(InfrastructureMode.AUTO.resolve(DOCKER_ENGINE)).isEqualTo(InfrastructureMode.CONTAINERS);
    }

    @Test
    void forcedEmbeddedRunsEmbeddedWithoutProbingForDocker() {
        assertThat(InfrastructureMode.EMBEDDED.resolve(NOT_ASKED)).isEqualTo(InfrastructureMode.EMBEDDED);
    }

    @Test
    void forcedContainersRunsContainersWhenADockerEngineAnswers() {
        assertThat(InfrastructureMode.CONTAINERS.resolve(DOCKER_ENGINE)).isEqualTo(InfrastructureMode.CONTAINERS);
    }

    @Test
    void forcedContainersWithoutADockerEngineFailsSayingHowToRunEmbedded() {
        assertThatThrownBy(() -> InfrastructureMode.CONTAINERS.resolve(NO_DOCKER_ENGINE))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no Docker engine is available")
                .hasMessageContaining("checkout.infrastructure.mode=embedded");
    }

    @Test
    void withoutConfigurationTheModeIsAuto() {
        assertThat(InfrastructureMode.configured(none(), none())).isEqualTo(InfrastructureMode.AUTO);
    }

    @Test
    void theEnvironmentVariableChoosesTheMode() {
        assertThat(InfrastructureMode.configured(none(), Map.of("CHECKOUT_INFRASTRUCTURE_MODE", "containers")::get))
                .isEqualTo(InfrastructureMode.CONTAINERS);
    }

    @Test
    void theSystemPropertyWinsOverTheEnvironmentVariable() {
        assertThat(InfrastructureMode.configured(Map.of("checkout.infrastructure.mode", " Embedded ")::get,
                Map.of("CHECKOUT_INFRASTRUCTURE_MODE", "containers")::get))
                .isEqualTo(InfrastructureMode.EMBEDDED);
    }

    @Test
    void anUnknownModeIsRejectedNamingWhereItWasSet() {
        assertThatThrownBy(() -> InfrastructureMode.configured(none(), Map.of("CHECKOUT_INFRASTRUCTURE_MODE", "docker")::get))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("CHECKOUT_INFRASTRUCTURE_MODE=docker is not a mode; use embedded, containers or auto");
    }

    private static UnaryOperator<String> none() {
        return name -> null;
    }
}
