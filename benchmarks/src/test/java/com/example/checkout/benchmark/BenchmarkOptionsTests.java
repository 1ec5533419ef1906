package com.example.checkout.benchmark;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class BenchmarkOptionsTests {

    @Test
    void theDefaultsClimbFromFiftyToEightHundredAgainstTheBuiltDemo() {
        // when
        BenchmarkOptions options = BenchmarkOptions.parse();

        // then
        assertThat(options.demoJar()).isEqualTo(Path.of("local-demo/target/checkout-demo.jar"));
        assertThat(options.rates()).first().isEqualTo(50);
        assertThat(options.rates()).last().isEqualTo(800);
        assertThat(options.p99Objective()).isEqualTo(Duration.ofMillis(50));
        assertThat(options.port(8080)).isEqualTo(9080);
    }

    @Test
    void everyOptionIsRead() {
        // when
        BenchmarkOptions options = BenchmarkOptions.parse("--rates=100, 200", "--step-seconds=5", "--port-offset=800",
                "--p99-ms=20", "--effect-p99-ms=300", "--out=/tmp/x", "--demo-jar=demo.jar");

        // then
        assertThat(options.rates()).isEqualTo(List.of(100, 200));
        assertThat(options.step()).isEqualTo(Duration.ofSeconds(5));
        assertThat(options.port(8080)).isEqualTo(8880);
        assertThat(options.p99Objective()).isEqualTo(Duration.ofMillis(20));
        assertThat(options.effectObjective()).isEqualTo(Duration.ofMillis(300));
        assertThat(options.output()).isEqualTo(Path.of("/tmp/x"));
        assertThat(options.demoJar()).isEqualTo(Path.of("demo.jar"));
    }

    @Test
    void aLadderThatDoesNotClimbIsRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> BenchmarkOptions.parse("--rates=200,100"))
                .withMessageContaining("must climb");
    }

    @Test
    void anUnknownOptionIsNamed() {
        assertThatIllegalArgumentException().isThrownBy(() -> BenchmarkOptions.parse("--rate=100"))
                .withMessage("Unknown option --rate");
    }
}
