package com.example.checkout.demo;

import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;

import jakarta.servlet.ServletException;
import org.apache.catalina.Pipeline;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;
import org.springframework.boot.tomcat.TomcatWebServer;

import com.example.checkout.services.SystemService;

/**
 * The payment provider's switches: {@code down} closes the simulator's context (order-service then meets a refused
 * connection, as with a provider that is unreachable), {@code up} starts it again on its port, and {@code slow}
 * holds every request at its web server's door for {@link #DELAY} before the simulator sees it.
 *
 * <p>Why at the door: the delay lives in the launcher, not in the simulator's code (its only slow card,
 * {@code tok_slow}, slows the shopper who asks for it, not everybody), and order-service keeps its one configured
 * address; a proxy in front would have moved that address. Why before the simulator: a slow provider that has not
 * decided yet is the case order-service's timeouts are for.
 */
final class PaymentProviderSwitch {

    /** Shorter than order-service's read timeout: slow, not down; checkouts succeed, their latency shows it. */
    static final Duration DELAY = Duration.ofMillis(1500);

    private final LocalSystem system;
    private final Delay delay = new Delay();
    private volatile boolean slow;

    PaymentProviderSwitch(LocalSystem system) {
        this.system = system;
    }

    synchronized void up(boolean up) {
        boolean running = system.isRunning(SystemService.PAYMENT_PROVIDER);
        if (up && !running) {
            system.startService(SystemService.PAYMENT_PROVIDER);
            // A new context, a new web server: the delay has to be put on its door again.
            applyDelay();
        } else if (!up && running) {
            system.stopService(SystemService.PAYMENT_PROVIDER);
        }
    }

    synchronized void slow(boolean slow) {
        this.slow = slow;
        if (system.isRunning(SystemService.PAYMENT_PROVIDER)) {
            applyDelay();
        }
    }

    /** {@code down}, {@code slow} or {@code up}. */
    String state() {
        if (!system.isRunning(SystemService.PAYMENT_PROVIDER)) {
            return "down";
        }
        return slow ? "slow" : "up";
    }

    private void applyDelay() {
        Pipeline door = ((TomcatWebServer) system.webServer(SystemService.PAYMENT_PROVIDER)).getTomcat().getEngine()
                .getPipeline();
        boolean installed = Arrays.asList(door.getValves()).contains(delay);
        if (slow && !installed) {
            door.addValve(delay);
        } else if (!slow && installed) {
            door.removeValve(delay);
        }
    }

    /** Holds each request for {@link #DELAY}: the fault itself, so a sleep (nothing here waits for a condition). */
    private static final class Delay extends ValveBase {

        Delay() {
            super(true);
        }

        @Override
        public void invoke(Request request, Response response) throws IOException, ServletException {
            try {
                Thread.sleep(DELAY);
            } catch (InterruptedException stopping) {
                Thread.currentThread().interrupt();
                return;
            }
            getNext().invoke(request, response);
        }
    }
}
