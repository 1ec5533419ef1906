package com.example.checkout.consumer.retention;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNoException;

class RetentionPropertiesTests {

    @Test
    void processedEventIdsMustOutliveTheTopicsRetentionPlusTheReplayHorizon() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> retention(Duration.ofDays(14), Duration.ofDays(7), Duration.ofDays(7)))
                .withMessageContaining("must exceed topic-retention");
        assertThatNoException()
                .isThrownBy(() -> retention(Duration.ofDays(15), Duration.ofDays(7), Duration.ofDays(7)));
    }

    private static RetentionProperties retention(Duration processedEvents, Duration topic, Duration horizon) {
        return new RetentionProperties(processedEvents, topic, horizon, Duration.ofDays(7), 1000, Duration.ofHours(1));
    }
}
