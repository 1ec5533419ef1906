package com.example.checkout.console.journey;

import java.util.Optional;
import java.util.UUID;

import com.example.checkout.console.system.ConsoleProperties;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/**
 * {@code /orders}: find an order (by id, or from the recent ones); {@code /orders/{id}}: its journey, whose
 * timeline refreshes itself ({@code /orders/{id}/timeline}) until every step is done.
 */
@Controller
class JourneyController {

    private final OrderJourneys journeys;
    private final RecentOrders recent;
    private final ConsoleProperties properties;

    JourneyController(OrderJourneys journeys, RecentOrders recent, ConsoleProperties properties) {
        this.journeys = journeys;
        this.recent = recent;
        this.properties = properties;
    }

    @GetMapping("/orders")
    String find(@RequestParam(required = false) @Nullable String id, Model model) {
        if (id != null && !id.isBlank()) {
            Optional<UUID> orderId = parse(id.strip());
            if (orderId.isPresent()) {
                return "redirect:/orders/" + orderId.get();
            }
            model.addAttribute("searchError", "“" + id.strip() + "” is not an order id (a UUID like 0b3c…-…)");
            model.addAttribute("searched", id.strip());
        }
        model.addAttribute("recent", recent.latest());
        return "orders";
    }

    @GetMapping("/orders/{orderId}")
    String journey(@PathVariable String orderId, Model model) {
        show(load(orderId), model);
        return "journey";
    }

    @GetMapping("/orders/{orderId}/timeline")
    String timeline(@PathVariable String orderId, Model model) {
        show(load(orderId), model);
        return "journey :: timeline";
    }

    /** One checkout is one trace: every step that happened links to it. */
    private void show(Journey journey, Model model) {
        model.addAttribute("journey", journey);
        model.addAttribute("traceLink", properties.traceLink(journey.order().traceId()).orElse(null));
    }

    private Journey load(String orderId) {
        UUID id = parse(orderId).orElseThrow(() -> new ResponseStatusException(HttpStatus.BAD_REQUEST,
                "Not an order id: " + orderId));
        return journeys.journey(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
                "order-service knows no order " + id));
    }

    private static Optional<UUID> parse(String id) {
        try {
            return Optional.of(UUID.fromString(id));
        } catch (IllegalArgumentException notAUuid) {
            return Optional.empty();
        }
    }
}
