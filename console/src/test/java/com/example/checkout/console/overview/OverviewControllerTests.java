package com.example.checkout.console.overview;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.example.checkout.console.ConsoleApplication;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

@WebMvcTest(controllers = OverviewController.class, properties = ConsoleApplication.CONFIG)
class OverviewControllerTests {

    @Autowired
    MockMvcTester mvc;

    @MockitoBean
    MetricsSampler sampler;

    private final Sample sample = new Sample(Instant.parse("2026-12-02T10:00:00Z"), true, 4.5, true, 12.0, 40.0, Map.of(
            "email-service", new Sample.Group(true, 17L, 0L, null, 0.0),
            "inventory-service", new Sample.Group(true, 0L, 2L, false, 4.5),
            "analytics-service", new Sample.Group(false, null, null, null, null)));

    @Test
    void theOverviewIsRenderedWithTheLatestFiguresBeforeAnyScriptRuns() {
        // given
        given(sampler.latest()).willReturn(Optional.of(sample));

        // when / then
        assertThat(mvc.get().uri("/")).hasStatusOk().bodyText()
                .contains("id=\"checkouts-per-second\">4.5<", "data-group=\"email-service\"", ">17<", "not answering",
                        "hx-get=\"/faults\"", "uPlot.iife.min.js");
    }

    @Test
    void theChartsGetEverySampleAsJson() {
        given(sampler.samples()).willReturn(List.of(sample));

        assertThat(mvc.get().uri("/overview/samples")).hasStatusOk().bodyJson()
                .extractingPath("$[0].groups.email-service.backlog").isEqualTo(17);
    }
}
