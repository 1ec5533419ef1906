package com.example.checkout.console.system;

/** Cents as the pages show them: {@code EUR 24.90}. */
public final class Money {

    private Money() {
    }

    public static String format(long cents, String currency) {
        return "%s %d.%02d".formatted(currency, cents / 100, Math.abs(cents % 100));
    }
}
