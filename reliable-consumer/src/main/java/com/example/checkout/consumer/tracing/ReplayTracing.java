package com.example.checkout.consumer.tracing;

import java.util.function.Function;
import java.util.function.Supplier;

import com.example.checkout.events.EventHeaders;
import io.micrometer.tracing.Link;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.jspecify.annotations.Nullable;

import static com.example.checkout.consumer.tracing.MessagingAttributes.CONSUMER_GROUP;
import static com.example.checkout.consumer.tracing.MessagingAttributes.DESTINATION;
import static com.example.checkout.consumer.tracing.MessagingAttributes.KAFKA;
import static com.example.checkout.consumer.tracing.MessagingAttributes.MESSAGE_ID;
import static com.example.checkout.consumer.tracing.MessagingAttributes.MESSAGE_KEY;
import static com.example.checkout.consumer.tracing.MessagingAttributes.OPERATION_NAME;
import static com.example.checkout.consumer.tracing.MessagingAttributes.OPERATION_TYPE;
import static com.example.checkout.consumer.tracing.MessagingAttributes.SYSTEM;
import static com.example.checkout.consumer.tracing.MessagingAttributes.orUnknown;

/**
 * The span of a dead letter's replay, {@code process <dlt topic>}: a child of the context stored with the parked
 * record (its last forwarding's), so a replay days later still lands in the checkout's trace, and linked to the
 * operator's replay request, whose own trace holds every record that request replayed.
 */
public class ReplayTracing {

    private final Tracer tracer;
    private final Propagator propagator;
    private final String group;

    public ReplayTracing(Tracer tracer, Propagator propagator, String group) {
        this.tracer = tracer;
        this.propagator = propagator;
        this.group = group;
    }

    /**
     * @param headers the stored record's header text by name, null when absent
     */
    public <T> T replay(String dltTopic, Function<String, @Nullable String> headers, @Nullable String key,
                        Supplier<T> replay) {
        Span request = tracer.currentSpan();
        Span.Builder builder = propagator.extract(headers, Function::apply)
                .name("process " + dltTopic)
                .kind(Span.Kind.CONSUMER)
                .tag(SYSTEM, KAFKA)
                .tag(OPERATION_NAME, "process")
                .tag(OPERATION_TYPE, "process")
                .tag(DESTINATION, dltTopic)
                .tag(CONSUMER_GROUP, group)
                .tag(MESSAGE_ID, orUnknown(headers.apply(EventHeaders.ID)))
                .tag(MESSAGE_KEY, orUnknown(key))
                .tag("checkout.replay", "true");
        if (request != null) {
            builder.addLink(new Link(request.context()));
        }
        Span span = builder.start();
        try (Tracer.SpanInScope scope = tracer.withSpan(span)) {
            return replay.get();
        } catch (RuntimeException e) {
            span.error(e);
            throw e;
        } finally {
            span.end();
        }
    }
}
