package com.example.checkout.email.sending;

import java.util.List;
import java.util.Locale;

import com.example.checkout.events.OrderPlaced.OrderLine;

/** An order's lines as the plain-text table every email shows, and amounts as the customer reads them. */
public final class LineTable {

    private LineTable() {
    }

    public static String of(List<OrderLine> lines, String currency) {
        StringBuilder table = new StringBuilder();
        for (OrderLine line : lines) {
            table.append(String.format(Locale.ROOT, "%3d x %-30s %10s %s%n", line.quantity(), line.name(),
                    money(line.unitPriceCents()), currency));
        }
        return table.toString();
    }

    public static String money(long cents) {
        return String.format(Locale.ROOT, "%d.%02d", cents / 100, cents % 100);
    }
}
