package com.example.checkout.order.payment;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpStatusCodeException;
import org.springframework.web.client.RestClientException;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The payment provider over HTTP (Stripe-shaped: {@code POST /v1/charges} with an {@code Idempotency-Key} header,
 * {@code POST /v1/refunds}, {@code GET /v1/charges}). Timeouts come from {@link PaymentProperties}.
 *
 * <p>Bodies are read whole, as text, so a kept-alive connection goes back to the pool with nothing left unread.
 *
 * <p>A call is retried once, with the same key, only when the connection could not be made: then nothing was sent
 * and the retry cannot double anything. A read timeout or a lost connection after sending is not retried here: the
 * charge may exist, and that is for the checkout's claim (resume or reconcile) to settle, not for a blind loop.
 */
@Component
class PaymentProviderClient implements PaymentGateway {

    private static final Logger log = LoggerFactory.getLogger(PaymentProviderClient.class);
    private static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    private final RestClient http;

    PaymentProviderClient(RestClient.Builder builder, PaymentProperties properties) {
        // HttpURLConnection: under a few concurrent callers the JDK HttpClient left requests on kept-alive
        // connections unanswered until the read timeout (RelayCrashIntegrationTests, 4 shoppers).
        SimpleClientHttpRequestFactory requests = new SimpleClientHttpRequestFactory();
        requests.setConnectTimeout(properties.connectTimeout());
        requests.setReadTimeout(properties.readTimeout());
        this.http = builder.clone().baseUrl(properties.baseUrl().toString()).requestFactory(requests)
                .defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + properties.apiKey())
                .build();
    }

    @Override
    public Charge charge(ChargeRequest request) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("amount", request.amountCents());
        body.put("currency", request.currency());
        body.put("source", request.paymentToken());
        body.put("metadata", Map.of("customer_id", request.customerId()));
        JsonNode charge = call("charge " + request.idempotencyKey(), () -> http.post().uri("/v1/charges")
                .header(IDEMPOTENCY_KEY, request.idempotencyKey()).contentType(MediaType.APPLICATION_JSON)
                .body(body).retrieve().body(String.class));
        return charge(charge);
    }

    @Override
    public Refund refund(RefundRequest request) {
        JsonNode refund = call("refund " + request.idempotencyKey(), () -> http.post().uri("/v1/refunds")
                .header(IDEMPOTENCY_KEY, request.idempotencyKey()).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("charge", request.charge().reference())).retrieve().body(String.class));
        return new Refund(refund.get("id").asString(), refund.get("amount").asLong(), refund.get("currency").asString());
    }

    @Override
    public CapturePage captures(Instant from, Instant to, Optional<String> startingAfter, int limit) {
        JsonNode page = call("list captures", () -> http.get().uri(uri -> {
            uri.path("/v1/charges").queryParam("created_gte", from.toString()).queryParam("created_lte", to.toString())
                    .queryParam("limit", limit);
            startingAfter.ifPresent(id -> uri.queryParam("starting_after", id));
            return uri.build();
        }).retrieve().body(String.class));
        return new CapturePage(page.get("data").valueStream()
                .map(charge -> new Capture(charge(charge), charge.path("idempotency_key").asString(""),
                        Instant.parse(charge.get("created").asString())))
                .toList(), page.path("has_more").asBoolean(false));
    }

    private static Charge charge(JsonNode charge) {
        return new Charge(charge.get("id").asString(), charge.get("amount").asLong(), charge.get("currency").asString(),
                charge.path("refunded").asBoolean(false));
    }

    /** One call, retried once if (and only if) no connection could be made; the provider's errors as our types. */
    private static JsonNode call(String what, Supplier<String> request) {
        try {
            try {
                return JsonMapper.shared().readTree(request.get());
            } catch (RestClientException e) {
                if (e instanceof HttpStatusCodeException || !notConnected(e)) {
                    throw e;
                }
                log.info("Payment provider not reachable for {}; trying once more", what);
                return JsonMapper.shared().readTree(request.get());
            }
        } catch (HttpStatusCodeException e) {
            HttpStatus status = HttpStatus.resolve(e.getStatusCode().value());
            if (status == HttpStatus.PAYMENT_REQUIRED) {
                throw new PaymentDeclinedException("the card was declined");
            }
            if (status == HttpStatus.SERVICE_UNAVAILABLE || status == HttpStatus.TOO_MANY_REQUESTS) {
                // The provider says it stored nothing: the simulator answers 503 (and 429) only when it refused the
                // request before making a charge (payment-provider's ApiError). A real provider's adapter must check
                // that its provider promises the same, or treat these as an unknown outcome.
                throw new PaymentProviderUnavailableException("payment provider unavailable for " + what, e);
            }
            if (e.getStatusCode().is5xxServerError()) {
                throw new PaymentOutcomeUnknownException("payment provider failed for " + what, e);
            }
            throw new IllegalStateException("payment provider refused " + what + ": " + e.getStatusCode() + " "
                    + e.getResponseBodyAsString(), e);
        } catch (RestClientException e) {
            if (notConnected(e)) {
                throw new PaymentProviderUnavailableException("payment provider not reachable for " + what, e);
            }
            // Sent, and no (whole) answer: timed out, connection lost, unreadable.
            throw new PaymentOutcomeUnknownException("no answer from the payment provider for " + what, e);
        }
    }

    /** The connection was never made (refused, or not within the connect timeout): nothing was sent. */
    private static boolean notConnected(RestClientException e) {
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof ConnectException) {
                return true;
            }
            // HttpURLConnection tells a connect timeout from a read timeout only by the message.
            if (cause instanceof SocketTimeoutException timeout && timeout.getMessage() != null
                    && timeout.getMessage().toLowerCase(Locale.ROOT).contains("connect")) {
                return true;
            }
            if (!(cause instanceof IOException)) {
                return false;
            }
        }
        return false;
    }
}
