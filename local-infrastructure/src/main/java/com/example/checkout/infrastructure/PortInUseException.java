package com.example.checkout.infrastructure;

/** A port the infrastructure needs is taken, typically by a local Postgres or Kafka or a demo that is still running. */
public final class PortInUseException extends IllegalStateException {

    private final String service;
    private final int port;

    PortInUseException(String service, int port) {
        super("Port " + port + " for " + service + " is already in use: stop whatever listens there"
                + " or configure another " + service + " port");
        this.service = service;
        this.port = port;
    }

    /** Which part of the infrastructure wanted the port: {@code Postgres}, {@code Kafka} or {@code SMTP}. */
    public String service() {
        return service;
    }

    public int port() {
        return port;
    }
}
