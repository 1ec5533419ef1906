package com.example.checkout.console.shop;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.example.checkout.console.journey.RecentOrders;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.client.RestClientException;
import org.springframework.web.util.UriComponentsBuilder;

import jakarta.servlet.http.HttpServletResponse;

/**
 * {@code /shop}: a small checkout form over order-service's catalog. The form carries its Idempotency-Key, made
 * when the form is shown, so submitting it twice (a double click, a browser retry) places one order.
 */
@Controller
class ShopController {

    /** Quantity fields are named {@code qty.<sku>}. */
    static final String QUANTITY = "qty.";

    private final Shop shop;
    private final RecentOrders recent;

    ShopController(Shop shop, RecentOrders recent) {
        this.shop = shop;
        this.recent = recent;
    }

    @GetMapping("/shop")
    String form(Model model, HttpServletResponse response) {
        return show(model, response, Map.of("SKU-001", 1), "ada@example.com", "c-42", "tok_ok");
    }

    @PostMapping("/shop")
    String checkout(@RequestParam MultiValueMap<String, String> form, Model model, HttpServletResponse response) {
        String key = form.getFirst("idempotencyKey");
        String email = form.getFirst("email");
        String customerId = form.getFirst("customerId");
        String token = form.getFirst("paymentToken");
        List<Shop.Line> lines = new ArrayList<>();
        Map<String, Integer> quantities = new LinkedHashMap<>();
        form.forEach((name, values) -> {
            if (name.startsWith(QUANTITY) && !values.isEmpty() && !values.getFirst().isBlank()) {
                String sku = name.substring(QUANTITY.length());
                Integer quantity = parseQuantity(values.getFirst());
                quantities.put(sku, quantity == null ? 0 : quantity);
                if (quantity == null || quantity != 0) {
                    // Not a number is sent as 0, so order-service names the line at fault.
                    lines.add(new Shop.Line(sku, quantity == null ? 0 : quantity));
                }
            }
        });
        Shop.Outcome outcome;
        try {
            outcome = shop.checkout(new Shop.CheckoutRequest(customerId, email, lines, token),
                    key == null || key.isBlank() ? UUID.randomUUID().toString() : key);
        } catch (RestClientException unreachable) {
            model.addAttribute("unreachable", "order-service did not answer: " + unreachable.getMessage());
            response.setStatus(HttpStatus.BAD_GATEWAY.value());
            return show(model, response, quantities, email, customerId, token);
        }
        if (outcome.placed() != null) {
            recent.placed(outcome.placed().orderId(), outcome.placed().totalCents());
            return "redirect:" + UriComponentsBuilder.fromPath("/orders/{id}")
                    .queryParam("key", key)
                    .queryParam("replayed", outcome.replayed())
                    .buildAndExpand(outcome.placed().orderId()).toUriString();
        }
        model.addAttribute("outcome", outcome);
        model.addAttribute("usedKey", key);
        response.setStatus(outcome.status());
        return show(model, response, quantities, email, customerId, token);
    }

    private String show(Model model, HttpServletResponse response, Map<String, Integer> quantities, String email,
                        String customerId, String token) {
        try {
            model.addAttribute("catalog", shop.catalog());
        } catch (RestClientException unreachable) {
            model.addAttribute("catalog", List.of());
            model.addAttribute("unreachable", "order-service did not answer: " + unreachable.getMessage());
            response.setStatus(HttpStatus.BAD_GATEWAY.value());
        }
        model.addAttribute("quantities", quantities);
        model.addAttribute("email", email);
        model.addAttribute("customerId", customerId);
        model.addAttribute("paymentToken", token);
        // A new key for every form shown: a corrected request is a new request.
        model.addAttribute("idempotencyKey", UUID.randomUUID().toString());
        return "shop";
    }

    private static @Nullable Integer parseQuantity(String value) {
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException notANumber) {
            return null;
        }
    }
}
