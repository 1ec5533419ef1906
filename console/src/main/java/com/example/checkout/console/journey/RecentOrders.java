package com.example.checkout.console.journey;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.example.checkout.console.system.ServiceClients;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClientException;

/**
 * The orders to pick from: those placed from this console (known at once) and the latest ones analytics counted
 * (orders from any client, known once analytics has seen them). No service lists "all orders" for the console.
 */
@Component
public class RecentOrders {

    static final int SHOWN = 12;

    record Recent(String orderId, Instant at, long totalCents) {
    }

    /** An entry of analytics' {@code GET /analytics/orders}. */
    private record Counted(String orderId, long totalCents, Instant countedAt) {
    }

    private final ServiceClients services;
    private final ArrayDeque<Recent> placedHere = new ArrayDeque<>();

    RecentOrders(ServiceClients services) {
        this.services = services;
    }

    /** Called by the console's own checkout form. */
    public synchronized void placed(String orderId, long totalCents) {
        placedHere.addFirst(new Recent(orderId, Instant.now(), totalCents));
        while (placedHere.size() > SHOWN) {
            placedHere.removeLast();
        }
    }

    List<Recent> latest() {
        Map<String, Recent> byId = new LinkedHashMap<>();
        synchronized (this) {
            placedHere.forEach(recent -> byId.put(recent.orderId(), recent));
        }
        counted().forEach(recent -> byId.putIfAbsent(recent.orderId(), recent));
        List<Recent> all = new ArrayList<>(byId.values());
        all.sort(Comparator.comparing(Recent::at).reversed());
        return all.subList(0, Math.min(SHOWN, all.size()));
    }

    private List<Recent> counted() {
        try {
            List<Counted> counted = services.analytics().get().uri("/analytics/orders?limit={limit}", SHOWN)
                    .retrieve().body(new ParameterizedTypeReference<List<Counted>>() {
                    });
            return counted == null ? List.of()
                    : counted.stream().map(one -> new Recent(one.orderId(), one.countedAt(), one.totalCents())).toList();
        } catch (RestClientException unreachable) {
            return List.of();
        }
    }
}
