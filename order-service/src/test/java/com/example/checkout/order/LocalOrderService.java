package com.example.checkout.order;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.example.checkout.infrastructure.Infrastructure;
import com.example.checkout.infrastructure.SharedInfrastructure;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * The order service on port 8080 (or {@code --server.port=...}) against embedded Postgres on a random port: for
 * trying the API by hand, as the README's {@code curl} examples were. Stop it with Ctrl-C; its data goes with it.
 */
public final class LocalOrderService {

    private LocalOrderService() {
    }

    public static void main(String[] args) {
        Map<String, Object> database = SharedInfrastructure.get().springProperties("orders");
        List<String> arguments = new ArrayList<>(List.of(Infrastructure.commandLine(database)));
        arguments.addAll(List.of(args));
        new SpringApplicationBuilder(OrderServiceApplication.class).properties(OrderServiceApplication.CONFIG)
                .run(arguments.toArray(String[]::new));
    }
}
