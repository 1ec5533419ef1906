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
    private final Map<ConsumerGroup, RestClient> consumerAdmins = new EnumMap<>(ConsumerGroup.class);

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
            consumers.put(group, consumer.build());
            // The login only where it is needed: checking it costs the service a bcrypt (~50 ms of CPU), and the
            // sampler scrapes every few seconds.
            RestClient.Builder consumerAdmin = consumer.clone();
            if (admin.present()) {
                consumerAdmin.defaultHeaders(headers -> headers.setBasicAuth(admin.username(), admin.password()));
            }
            consumerAdmins.put(group, consumerAdmin.build());
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

    /** The consumer service of this group, for its open endpoints. */
    public RestClient consumer(ConsumerGroup group) {
        return consumers.get(group);
    }

    /** The consumer service of this group, for its admin endpoints: sends the admin credentials, if configured. */
    public RestClient consumerAdmin(ConsumerGroup group) {
        return consumerAdmins.get(group);
    }

    public RestClient analytics() {
        return consumers.get(ConsumerGroup.ANALYTICS);
    }

    public RestClient demo() {
        return demo;
    }
}
