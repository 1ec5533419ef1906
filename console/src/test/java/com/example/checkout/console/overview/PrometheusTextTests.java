package com.example.checkout.console.overview;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PrometheusTextTests {

    @Test
    void seriesAreAddedUpByNameAndLabelsAndCommentsAreSkipped() {
        // given a scrape as Micrometer writes it
        PrometheusText text = PrometheusText.parse("""
                # HELP checkout_consumer_events_total Events by what became of them
                # TYPE checkout_consumer_events_total counter
                checkout_consumer_events_total{application="email-service",outcome="processed",service="email-service"} 12.0
                checkout_consumer_events_total{application="email-service",outcome="duplicate",service="email-service"} 3.0
                http_server_requests_seconds_count{method="POST",status="201",uri="/checkout"} 7
                http_server_requests_seconds_count{method="POST",status="422",uri="/checkout"} 2
                relay_events_relayed_total 15.0
                relay_delay_seconds_bucket{le="+Inf"} 15
                odd_label{text="a \\"quoted\\", comma"} 1
                """);

        // then
        assertThat(text.sum("checkout_consumer_events_total")).isEqualTo(15.0);
        assertThat(text.sum("checkout_consumer_events_total", series -> series.label("outcome").equals("processed"))).isEqualTo(12.0);
        assertThat(text.sum("http_server_requests_seconds_count", series -> series.label("status").equals("201"))).isEqualTo(7.0);
        assertThat(text.sum("relay_events_relayed_total")).isEqualTo(15.0);
        assertThat(text.all("relay_delay_seconds_bucket")).singleElement()
                .satisfies(bucket -> assertThat(bucket.label("le")).isEqualTo("+Inf"));
        assertThat(text.all("odd_label")).singleElement()
                .satisfies(series -> assertThat(series.label("text")).isEqualTo("a \"quoted\", comma"));
        assertThat(text.sum("not_exported")).isNull();
    }
}
