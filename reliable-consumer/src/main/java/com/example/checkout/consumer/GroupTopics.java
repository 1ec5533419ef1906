package com.example.checkout.consumer;

/**
 * The names of a group's retry topics and DLT. Three groups read {@code orders}; spring-kafka's default names
 * ({@code orders-retry-0}, {@code orders-dlt}) are per topic, so one group's retries would be consumed by the
 * others. Every name here carries the group: {@code orders.email-service.retry-0}, {@code orders.email-service.dlt}.
 */
public record GroupTopics(String topic, String group) {

    public String retrySuffix() {
        return "." + group + ".retry";
    }

    public String dltSuffix() {
        return "." + group + ".dlt";
    }

    public String retryTopic(int index) {
        return topic + retrySuffix() + "-" + index;
    }

    public String dlt() {
        return topic + dltSuffix();
    }
}
