package com.example.checkout.demo;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class DemoOptionsTests {

    @Test
    void withoutArgumentsTheDemoRunsOnTheArchitecturePortsWithTemporaryData() {
        DemoOptions options = DemoOptions.parse();

        assertThat(options.ports()).isEqualTo(new DemoPorts(8080, 8081, 8082, 8083, 8084, 8085, 5432, 9092, 2525, 8090));
        assertThat(options.dataDirectory()).isNull();
        assertThat(options.scenario()).isNull();
        assertThat(options.verbose()).isFalse();
    }

    @Test
    void onePortMovesAndAnOffsetShiftsThemAll() {
        DemoOptions options = DemoOptions.parse("--ports.kafka=19092", "--port-offset", "100");

        assertThat(options.ports().kafka()).isEqualTo(19192);
        assertThat(options.ports().order()).isEqualTo(8180);
        assertThat(options.ports().postgres()).isEqualTo(5532);
    }

    @Test
    void theScenarioAndItsShapeAreRead() {
        DemoOptions options = DemoOptions.parse("--scenario=email-outage", "--scenario-rate=4", "--scenario-phase-seconds=3",
                "--data-dir=.demo-data", "--verbose");

        assertThat(options.scenario()).isEqualTo("email-outage");
        assertThat(options.scenarioSettings().rate()).isEqualTo(4);
        assertThat(options.scenarioSettings().phase()).isEqualTo(Duration.ofSeconds(3));
        assertThat(options.dataDirectory()).isEqualTo(Path.of(".demo-data"));
        assertThat(options.verbose()).isTrue();
    }

    @Test
    void aMistakeIsNamed() {
        assertThatIllegalArgumentException().isThrownBy(() -> DemoOptions.parse("--ports.mongo=27017"))
                .withMessageContaining("--ports.mongo").withMessageContaining("ports.kafka");
        assertThatIllegalArgumentException().isThrownBy(() -> DemoOptions.parse("--scenario=kafka-outage"))
                .withMessageContaining("email-outage");
        assertThatIllegalArgumentException().isThrownBy(() -> DemoOptions.parse("--scenario-rate=0"))
                .withMessageContaining("at least 1");
        assertThatIllegalArgumentException().isThrownBy(() -> DemoOptions.parse("--port-offset=ten"))
                .withMessageContaining("needs a number");
        assertThatIllegalArgumentException().isThrownBy(() -> DemoOptions.parse("scenario"))
                .withMessageContaining("Unexpected argument");
    }
}
