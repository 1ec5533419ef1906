package com.example.checkout.system;

import java.util.Collection;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;

/**
 * An in-memory span exporter shared by every service of the test JVM: each service's OpenTelemetry SDK (one per
 * Spring application, each with its own {@code service.name}) exports its finished spans here. It outlives the
 * services, so a service stopping does not shut it down.
 */
final class CollectedSpans implements SpanExporter {

    static final AttributeKey<String> SERVICE_NAME = AttributeKey.stringKey("service.name");

    private final ConcurrentLinkedQueue<SpanData> spans = new ConcurrentLinkedQueue<>();

    @Override
    public CompletableResultCode export(Collection<SpanData> batch) {
        spans.addAll(batch);
        return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode flush() {
        return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode shutdown() {
        return CompletableResultCode.ofSuccess();
    }

    /** The spans of one trace exported so far. */
    List<SpanData> ofTrace(String traceId) {
        return spans.stream().filter(span -> span.getTraceId().equals(traceId)).toList();
    }

    static String service(SpanData span) {
        return span.getResource().getAttribute(SERVICE_NAME);
    }

    static String attribute(SpanData span, String name) {
        return span.getAttributes().get(AttributeKey.stringKey(name));
    }
}
