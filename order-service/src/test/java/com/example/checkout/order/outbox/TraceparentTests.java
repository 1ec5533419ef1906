package com.example.checkout.order.outbox;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class TraceparentTests {

    private static final String CALLERS = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
    private static final String VERSION_00 = "00-[0-9a-f]{32}-[0-9a-f]{16}-01";

    @Test
    void continuesTheCallersTrace() {
        assertThat(Traceparent.continueOrStart(CALLERS).value()).isEqualTo(CALLERS);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {
            "garbage",
            "00-00000000000000000000000000000000-00f067aa0ba902b7-01", // all-zero trace id is invalid
            "00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01", // all-zero parent id is invalid
            "00-4BF92F3577B34DA6A3CE929D0E0E4736-00F067AA0BA902B7-01", // upper case is invalid
            "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-extra",
            "00-4bf92f3577b34da6a3ce929d0e0e473-00f067aa0ba902b7-01"})
    void startsANewTraceInsteadOfPassingOnAnInvalidOne(String header) {
        // when
        Traceparent traceparent = Traceparent.continueOrStart(header);

        // then
        assertThat(traceparent.value()).matches(VERSION_00).isNotEqualTo(header);
    }

    @Test
    void newTracesAreDistinct() {
        assertThat(Traceparent.continueOrStart(null)).isNotEqualTo(Traceparent.continueOrStart(null));
    }
}
