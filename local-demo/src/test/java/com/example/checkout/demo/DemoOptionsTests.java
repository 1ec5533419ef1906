package com.example.checkout.demo;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import com.example.checkout.services.SystemService;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class DemoOptionsTests {

    @Test
    void withoutArgumentsTheDemoRunsOnTheArchitecturePortsWithTemporaryData() {
        DemoOptions options = DemoOptions.parse();

        assertThat(options.ports().byPropertyName()).containsEntry("ports.postgres", 5432)
                .containsEntry("ports.kafka", 9092).containsEntry("ports.smtp", 2525).containsEntry("ports.control", 8090)
                .containsEntry("ports.order", 8080).containsEntry("ports.relay", 8081).containsEntry("ports.email", 8082)
                .containsEntry("ports.inventory", 8083).containsEntry("ports.analytics", 8084);
        for (SystemService service : SystemService.values()) {
            assertThat(options.ports().of(service)).as(service.serviceName()).isEqualTo(service.port());
        }
        assertThat(options.dataDirectory()).isNull();
        assertThat(options.scenario()).isNull();
        assertThat(options.verbose()).isFalse();
    }

    @Test
    void onePortMovesAndAnOffsetShiftsThemAll() {
        DemoOptions options = DemoOptions.parse("--ports.kafka=19092", "--port-offset", "100");

        assertThat(options.ports().kafka()).isEqualTo(19192);
        assertThat(options.ports().of(SystemService.ORDER)).isEqualTo(8180);
        assertThat(options.ports().postgres()).isEqualTo(5532);
    }

    @Test
    void theEmailOutageLastsTwoMinutesUnlessToldOtherwise() {
        assertThat(DemoOptions.parse("--scenario=email-outage").scenarioSettings().outage()).isEqualTo(Duration.ofMinutes(2));
    }

    @Test
    void theScenarioAndItsShapeAreRead() {
        DemoOptions options = DemoOptions.parse("--scenario=email-outage", "--scenario-rate=4", "--scenario-phase-seconds=3",
                "--scenario-outage-seconds=30", "--data-dir=.demo-data", "--verbose");

        assertThat(options.scenario()).isEqualTo("email-outage");
        assertThat(options.scenarioSettings().rate()).isEqualTo(4);
        assertThat(options.scenarioSettings().phase()).isEqualTo(Duration.ofSeconds(3));
        assertThat(options.scenarioSettings().outage()).isEqualTo(Duration.ofSeconds(30));
        assertThat(options.dataDirectory()).isEqualTo(Path.of(".demo-data"));
        assertThat(options.verbose()).isTrue();
    }

    @Test
    void theChaosScenarioRunsFiveThousandCheckoutsUnlessToldOtherwise() {
        assertThat(DemoOptions.parse("--scenario=chaos").scenarioSettings().checkouts()).isEqualTo(5_000);
        assertThat(DemoOptions.parse("--scenario=chaos", "--checkouts=1200").scenarioSettings().checkouts())
                .isEqualTo(1_200);
    }

    @Test
    void theChaosScenarioRefusesTooFewCheckoutsAndADataDirectory() {
        assertThatIllegalArgumentException().isThrownBy(() -> DemoOptions.parse("--scenario=chaos", "--checkouts=999"))
                .withMessage("--checkouts must be at least 1000, got 999");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> DemoOptions.parse("--scenario=chaos", "--data-dir=.demo-data"))
                .withMessageContaining("--data-dir").withMessageContaining("temporary data")
                .withMessageNotContaining("\n");
        assertThat(DemoOptions.parse("--scenario=sold-out", "--data-dir=.demo-data").dataDirectory())
                .isEqualTo(Path.of(".demo-data"));
    }

    @Test
    void aMistakeIsNamed() {
        assertThatIllegalArgumentException().isThrownBy(() -> DemoOptions.parse("--ports.mongo=27017"))
                .withMessageContaining("--ports.mongo").withMessageContaining("ports.kafka");
        assertThatIllegalArgumentException().isThrownBy(() -> DemoOptions.parse("--scenario=kafka-outage"))
                .withMessageContaining("email-outage").withMessageContaining("chaos");
        assertThatIllegalArgumentException().isThrownBy(() -> DemoOptions.parse("--scenario-rate=0"))
                .withMessageContaining("at least 1");
        assertThatIllegalArgumentException().isThrownBy(() -> DemoOptions.parse("--port-offset=ten"))
                .withMessageContaining("needs a number");
        assertThatIllegalArgumentException().isThrownBy(() -> DemoOptions.parse("scenario"))
                .withMessageContaining("Unexpected argument");
    }

    @Test
    void helpPrintsTheUsageAndSucceeds() {
        // given
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();

        // when
        int exit = CheckoutDemo.run(new String[] {"--help"}, new java.io.PrintStream(out, true),
                new java.io.PrintStream(err, true));

        // then
        assertThat(exit).isZero();
        assertThat(out.toString()).isEqualTo(DemoOptions.USAGE).contains("--data-dir", "--help");
        assertThat(err.toString()).isEmpty();
    }
}
