package com.example.checkout.infrastructure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

/**
 * The ports the embedded infrastructure listens on, all on the loopback interface.
 *
 * @param postgres Postgres (the services' default is 5432)
 * @param kafka    the Kafka broker's client listener (default 9092); its controller listener takes a free port
 * @param smtp     SMTP (default 2525)
 */
public record InfrastructurePorts(int postgres, int kafka, int smtp) {

    public InfrastructurePorts {
        requireValid(postgres, "postgres");
        requireValid(kafka, "kafka");
        requireValid(smtp, "smtp");
        if (postgres == kafka || kafka == smtp || smtp == postgres) {
            throw new IllegalArgumentException("Ports must differ: " + postgres + ", " + kafka + ", " + smtp);
        }
    }

    /** The ports every service's configuration points at by default: what the local demo uses. */
    public static InfrastructurePorts defaults() {
        return new InfrastructurePorts(5432, 9092, 2525);
    }

    /** Three free ports chosen by the operating system: what tests use, so they never clash with a running demo. */
    public static InfrastructurePorts random() {
        // All three sockets are open at once so the operating system hands out three different ports.
        try (ServerSocket postgres = new ServerSocket(0);
             ServerSocket kafka = new ServerSocket(0);
             ServerSocket smtp = new ServerSocket(0)) {
            return new InfrastructurePorts(postgres.getLocalPort(), kafka.getLocalPort(), smtp.getLocalPort());
        } catch (IOException e) {
            throw new UncheckedIOException("Could not find free ports", e);
        }
    }

    /** Fails with a message naming the first port that is taken, before anything is started. */
    void requireFree() {
        requireFree(postgres, "Postgres");
        requireFree(kafka, "Kafka");
        requireFree(smtp, "SMTP");
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not find a free port", e);
        }
    }

    private static void requireFree(int port, String service) {
        // Binding the wildcard address fails if anything listens on the port on any interface.
        try (ServerSocket ignored = new ServerSocket(port)) {
            // free
        } catch (IOException e) {
            throw new PortInUseException(service, port);
        }
    }

    private static void requireValid(int port, String name) {
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("Invalid " + name + " port " + port);
        }
    }
}
