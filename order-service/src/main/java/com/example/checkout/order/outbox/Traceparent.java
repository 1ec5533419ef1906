package com.example.checkout.order.outbox;

import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * A W3C trace context ({@code traceparent}) carried from the HTTP request through the outbox to every consumer.
 * The service has no tracer of its own: it continues the caller's trace or starts one.
 */
public record Traceparent(String value) {

    // version 00: trace id (32 hex, not all zero) and parent id (16 hex, not all zero), flags.
    private static final Pattern VERSION_00 = Pattern.compile("00-(?!0{32})[0-9a-f]{32}-(?!0{16})[0-9a-f]{16}-[0-9a-f]{2}");

    /** The caller's trace context if it is a valid one, otherwise a new sampled trace. */
    public static Traceparent continueOrStart(String header) {
        if (header != null && VERSION_00.matcher(header).matches()) {
            return new Traceparent(header);
        }
        return new Traceparent("00-" + randomHex(16) + "-" + randomHex(8) + "-01");
    }

    private static String randomHex(int bytes) {
        byte[] random = new byte[bytes];
        do {
            ThreadLocalRandom.current().nextBytes(random);
        } while (allZero(random));
        return HexFormat.of().formatHex(random);
    }

    private static boolean allZero(byte[] bytes) {
        for (byte b : bytes) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }
}
