package com.example.checkout.console.shop;

import java.util.List;
import java.util.Map;

import com.example.checkout.console.system.ServiceClients;
import org.jspecify.annotations.Nullable;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/** order-service's shopper API: {@code GET /catalog} and {@code POST /checkout}. */
@Component
class Shop {

    private final ServiceClients services;

    Shop(ServiceClients services) {
        this.services = services;
    }

    record Product(String sku, String name, long unitPriceCents) {
    }

    record Line(String sku, int quantity) {
    }

    record CheckoutRequest(String customerId, String email, List<Line> items, String paymentToken) {
    }

    record Placed(String orderId, String status, long totalCents, String currency) {
    }

    /**
     * What the checkout answered: the order on {@code 201}, else the problem order-service described.
     *
     * @param replayed the answer was the one given earlier for the same Idempotency-Key
     */
    record Outcome(int status, @Nullable Placed placed, @Nullable ProblemDetail problem, boolean replayed) {
    }

    List<Product> catalog() {
        List<Product> products = services.order().get().uri("/catalog").retrieve()
                .body(new ParameterizedTypeReference<List<Product>>() {
                });
        return products == null ? List.of() : products;
    }

    Outcome checkout(CheckoutRequest request, String idempotencyKey) {
        ResponseEntity<Map<String, Object>> response = services.order().post().uri("/checkout")
                .contentType(MediaType.APPLICATION_JSON)
                .header("Idempotency-Key", idempotencyKey)
                .body(request)
                .exchange((sent, answer) -> {
                    HttpStatusCode status = answer.getStatusCode();
                    Map<String, Object> body = answer.bodyTo(new ParameterizedTypeReference<Map<String, Object>>() {
                    });
                    return ResponseEntity.status(status).headers(answer.getHeaders()).body(body);
                });
        Map<String, Object> body = response.getBody() == null ? Map.of() : response.getBody();
        boolean replayed = "true".equals(response.getHeaders().getFirst("Idempotent-Replayed"));
        if (response.getStatusCode().value() == 201) {
            return new Outcome(201, new Placed(String.valueOf(body.get("orderId")), String.valueOf(body.get("status")),
                    ((Number) body.get("totalCents")).longValue(), String.valueOf(body.get("currency"))), null, replayed);
        }
        ProblemDetail problem = ProblemDetail.forStatus(response.getStatusCode());
        problem.setTitle(String.valueOf(body.getOrDefault("title", response.getStatusCode().toString())));
        if (body.get("detail") != null) {
            problem.setDetail(String.valueOf(body.get("detail")));
        }
        body.forEach((name, value) -> {
            if (!List.of("type", "title", "status", "detail", "instance").contains(name)) {
                problem.setProperty(name, value);
            }
        });
        return new Outcome(response.getStatusCode().value(), null, problem, replayed);
    }
}
