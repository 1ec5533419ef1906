package com.example.checkout.order.web;

import java.io.IOException;
import java.net.URI;
import java.util.Optional;

import com.netflix.concurrency.limits.Limit;
import com.netflix.concurrency.limits.Limiter;
import com.netflix.concurrency.limits.limit.FixedLimit;
import com.netflix.concurrency.limits.limit.VegasLimit;
import com.netflix.concurrency.limits.limiter.SimpleLimiter;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Sheds checkouts past the service's capacity at the edge: a {@code POST /checkout} that finds
 * {@link AdmissionProperties#maxInFlight()} checkouts already running is answered {@code 503} with
 * {@code Retry-After} before its body is read, so it writes nothing and charges nothing. Without it, excess
 * requests queue for a database connection and everyone waits seconds; with it, the admitted ones keep their
 * latency and the rest learn at once to come back (with the same Idempotency-Key, which makes the retry safe).
 *
 * <p>Only the checkout is limited: {@code GET /orders/{id}} and the health probes never wait behind it.
 * Ordered after Boot's observation filter, so rejections are counted in {@code http.server.requests} too.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
@ConditionalOnBooleanProperty(name = "checkout.admission.enabled", matchIfMissing = true)
class CheckoutAdmission extends OncePerRequestFilter {

    private static final URI CHECKOUT = URI.create("/checkout");

    private final SimpleLimiter<Void> limiter;
    private final String retryAfterSeconds;
    private final ProblemWriter problems;
    private final Counter admitted;
    private final Counter rejected;

    CheckoutAdmission(AdmissionProperties properties, ProblemWriter problems, MeterRegistry meters) {
        this.limiter = SimpleLimiter.newBuilder().named("checkout").limit(limit(properties)).build();
        this.retryAfterSeconds = Long.toString(Math.max(1, properties.retryAfter().toSeconds()));
        this.problems = problems;
        this.admitted = Counter.builder("checkout.admission.admitted")
                .description("Checkouts let through admission control").register(meters);
        this.rejected = Counter.builder("checkout.admission.rejected")
                .description("Checkouts answered 503 because the limit was reached").register(meters);
        Gauge.builder("checkout.admission.limit", limiter, SimpleLimiter::getLimit)
                .description("Checkouts allowed in flight now").register(meters);
        Gauge.builder("checkout.admission.in.flight", limiter, SimpleLimiter::getInflight)
                .description("Checkouts in flight now").register(meters);
    }

    private static Limit limit(AdmissionProperties properties) {
        return switch (properties.algorithm()) {
            case FIXED -> FixedLimit.of(properties.maxInFlight());
            case VEGAS -> VegasLimit.newBuilder()
                    .initialLimit(properties.maxInFlight())
                    .maxConcurrency(properties.maxInFlight())
                    .build();
        };
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !("POST".equals(request.getMethod()) && "/checkout".equals(request.getServletPath()));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<Limiter.Listener> admission = limiter.acquire(null);
        if (admission.isEmpty()) {
            rejected.increment();
            response.setHeader(HttpHeaders.RETRY_AFTER, retryAfterSeconds);
            ProblemDetail problem = Problems.overloaded();
            problem.setInstance(CHECKOUT);
            problems.write(response, problem);
            return;
        }
        admitted.increment();
        Limiter.Listener listener = admission.get();
        boolean placed = false;
        try {
            chain.doFilter(request, response);
            placed = response.getStatus() < 300;
        } finally {
            // Only placed orders teach an adaptive limit the checkout's latency; a fast 400 would fool it.
            if (placed) {
                listener.onSuccess();
            } else {
                listener.onIgnore();
            }
        }
    }
}
