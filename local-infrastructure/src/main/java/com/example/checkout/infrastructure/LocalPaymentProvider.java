package com.example.checkout.infrastructure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.net.ServerSocket;
import java.util.LinkedHashMap;
import java.util.Map;

import com.example.checkout.services.SystemService;

/**
 * The payment-provider simulator started once in this JVM, on a free port against its own database of the shared
 * infrastructure: what tests that run order-service in their JVM (its own, the relay's) charge over HTTP. The
 * caller's module has {@code payment-provider} as a test dependency; this one does not know its classes.
 */
public final class LocalPaymentProvider {

    private static PaymentLedger ledger;

    private LocalPaymentProvider() {
    }

    /** Its books, and through {@link PaymentLedger#baseUrl()} its address; started on the first call. */
    public static synchronized PaymentLedger shared() {
        if (ledger == null) {
            SystemService provider = SystemService.PAYMENT_PROVIDER;
            int port = freePort();
            Map<String, Object> properties = new LinkedHashMap<>(SharedInfrastructure.get().springProperties(provider));
            properties.put("server.port", port);
            try {
                // Its main returns once the application has started (the web server's threads keep it running).
                Class.forName(provider.applicationClassName()).getMethod("main", String[].class)
                        .invoke(null, (Object) Infrastructure.commandLine(properties));
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException("payment-provider is not a test dependency of this module", e);
            } catch (InvocationTargetException e) {
                throw new IllegalStateException("payment-provider did not start", e.getCause());
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
            ledger = PaymentLedger.onPort(port);
        }
        return ledger;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
