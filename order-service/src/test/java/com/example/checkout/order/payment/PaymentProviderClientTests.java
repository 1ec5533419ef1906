package com.example.checkout.order.payment;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import com.example.checkout.order.payment.PaymentGateway.Charge;
import com.example.checkout.order.payment.PaymentGateway.ChargeRequest;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * How the adapter reads the provider's answers, against a scripted HTTP server on a real socket: which failures
 * mean "nothing was stored" and which "the outcome is unknown", and that only a refused connection is retried.
 */
class PaymentProviderClientTests {

    private static final ChargeRequest CHARGE = new ChargeRequest("checkout-k1", "tok_ok", 2599, "EUR", "c-1");

    private HttpServer server;
    private final List<String> keysSeen = new CopyOnWriteArrayList<>();
    private final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void stop() {
        release.countDown();
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void aCaptureIsReadWithItsReference() {
        PaymentGateway client = clientAnswering(201, """
                {"id":"ch_1","object":"charge","amount":2599,"currency":"EUR","status":"succeeded","captured":true,
                 "refunded":false,"idempotency_key":"checkout-k1"}""");

        Charge charge = client.charge(CHARGE);

        assertThat(charge).isEqualTo(new Charge("ch_1", 2599, "EUR", false));
        assertThat(keysSeen).containsExactly("checkout-k1");
    }

    @Test
    void a402IsADecline() {
        PaymentGateway client = clientAnswering(402, """
                {"error":{"type":"card_error","code":"card_declined","message":"declined"}}""");

        assertThatExceptionOfType(PaymentDeclinedException.class).isThrownBy(() -> client.charge(CHARGE));
    }

    @Test
    void a503IsUnavailableWithNothingStored() {
        PaymentGateway client = clientAnswering(503, """
                {"error":{"type":"api_error","message":"down"}}""");

        assertThatExceptionOfType(PaymentProviderUnavailableException.class).isThrownBy(() -> client.charge(CHARGE))
                .isNotInstanceOf(PaymentOutcomeUnknownException.class);
        assertThat(keysSeen).hasSize(1);
    }

    @Test
    void a500LeavesTheOutcomeUnknown() {
        PaymentGateway client = clientAnswering(500, "{}");

        assertThatExceptionOfType(PaymentOutcomeUnknownException.class).isThrownBy(() -> client.charge(CHARGE));
    }

    @Test
    void noAnswerWithinTheReadTimeoutLeavesTheOutcomeUnknownAndIsNotRetried() throws IOException {
        server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        server.createContext("/", exchange -> {
            keysSeen.add(exchange.getRequestHeaders().getFirst("Idempotency-Key"));
            await(release);
            exchange.close();
        });
        server.start();
        PaymentGateway client = client(URI.create("http://localhost:" + server.getAddress().getPort()),
                Duration.ofMillis(300));

        assertThatExceptionOfType(PaymentOutcomeUnknownException.class).isThrownBy(() -> client.charge(CHARGE));
        assertThat(keysSeen).hasSize(1);
    }

    @Test
    void aRefusedConnectionIsRetriedOnceThenUnavailable() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        PaymentGateway client = client(URI.create("http://localhost:" + closedPort), Duration.ofSeconds(1));

        assertThatExceptionOfType(PaymentProviderUnavailableException.class).isThrownBy(() -> client.charge(CHARGE))
                .isNotInstanceOf(PaymentOutcomeUnknownException.class);
    }

    private PaymentGateway clientAnswering(int status, String body) {
        try {
            server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/", exchange -> answer(exchange, status, body));
        server.start();
        return client(URI.create("http://localhost:" + server.getAddress().getPort()), Duration.ofSeconds(2));
    }

    private void answer(HttpExchange exchange, int status, String body) throws IOException {
        keysSeen.add(exchange.getRequestHeaders().getFirst("Idempotency-Key"));
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private static PaymentGateway client(URI baseUrl, Duration readTimeout) {
        return new PaymentProviderClient(RestClient.builder(), new PaymentProperties(baseUrl, Duration.ofMillis(500),
                readTimeout, "sk_test", Duration.ofSeconds(10),
                new PaymentProperties.Reconciliation(false, Duration.ofMinutes(5), Duration.ofHours(24),
                        Duration.ofMinutes(1))));
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
