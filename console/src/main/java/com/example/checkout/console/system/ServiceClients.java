package com.example.checkout.console.system;

import java.net.URI;
import java.net.http.HttpClient;
import java.util.EnumMap;
import java.util.Map;

import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

/**
 * One {@link RestClient} per service, each with the console's short timeout: when a service is down or slow the
 * console shows that, it does not hang with it.
 */
@Component
public class ServiceClients {

    private final RestClient order;
    private final RestClient relay;
    private final RestClient demo;
    private final Map<ConsumerGroup, RestClient> consumers = new EnumMap<>(ConsumerGroup.class);

    ServiceClients(RestClient.Builder builder, ConsoleProperties properties, AdminCredentials admin) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(properties.timeout()).build();
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(http);
        requests.setReadTimeout(properties.timeout());
        RestClient.Builder base = builder.requestFactory(requests);
        this.order = client(base, properties.orderService());
        this.relay = client(base, properties.outboxRelay());
        this.demo = client(base, properties.demoControl());
        for (ConsumerGroup group : ConsumerGroup.values()) {
            RestClient.Builder consumer = base.clone().baseUrl(properties.consumer(group).toString());
            if (admin.present()) {
                consumer.defaultHeaders(headers -> headers.setBasicAuth(admin.username(), admin.password()));
            }
            consumers.put(group, consumer.build());
        }
    }

    private static RestClient client(RestClient.Builder base, URI url) {
        return base.clone().baseUrl(url.toString()).build();
    }

    public RestClient order() {
        return order;
    }

    public RestClient relay() {
        return relay;
    }

    /** The consumer service of this group; sends the admin credentials, if configured. */
    public RestClient consumer(ConsumerGroup group) {
        return consumers.get(group);
    }

    public RestClient analytics() {
        return consumers.get(ConsumerGroup.ANALYTICS);
    }

    public RestClient demo() {
        return demo;
    }
}
