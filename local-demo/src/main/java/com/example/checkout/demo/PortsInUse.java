package com.example.checkout.demo;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;
import java.util.Optional;

/** Checks every port before anything starts, so a clash never leaves a half-started system behind. */
final class PortsInUse {

    private PortsInUse() {
    }

    /** The first port that is taken, as the one-line message a user needs, or empty when all are free. */
    static Optional<String> firstClash(DemoPorts ports) {
        for (Map.Entry<String, Integer> port : ports.byPropertyName().entrySet()) {
            if (!isFree(port.getValue())) {
                return Optional.of("Port " + port.getValue() + " is already in use. Stop whatever listens there, or "
                        + "start the demo with --" + port.getKey() + "=<free port> (or --port-offset=<n> to shift every port).");
            }
        }
        return Optional.empty();
    }

    static boolean isFree(int port) {
        // Bind the wildcard address like the servers do: a listener on any interface makes the port unusable.
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getByName("0.0.0.0"))) {
            socket.setReuseAddress(true);
            return true;
        } catch (IOException taken) {
            return false;
        }
    }
}
