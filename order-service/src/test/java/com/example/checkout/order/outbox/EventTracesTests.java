package com.example.checkout.order.outbox;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class EventTracesTests {

    @Test
    void aSampledTraceparentNamesItsTrace() {
        assertThat(EventTraces.sampledTraceId("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"))
                .contains("4bf92f3577b34da6a3ce929d0e0e4736");
        // W3C level 2 adds the "random trace id" bit; sampled is still bit 0
        assertThat(EventTraces.sampledTraceId("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-03"))
                .contains("4bf92f3577b34da6a3ce929d0e0e4736");
    }

    @Test
    void anUnsampledMissingOrMalformedTraceparentNamesNone() {
        assertThat(EventTraces.sampledTraceId("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00")).isEmpty();
        assertThat(EventTraces.sampledTraceId("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-02")).isEmpty();
        assertThat(EventTraces.sampledTraceId(null)).isEmpty();
        assertThat(EventTraces.sampledTraceId("garbage")).isEmpty();
    }
}
