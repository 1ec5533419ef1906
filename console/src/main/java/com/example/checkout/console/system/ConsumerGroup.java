package com.example.checkout.console.system;

import java.util.Arrays;
import java.util.Optional;

/** The three consumer groups on topic {@code orders}; each service is named after its group. */
public enum ConsumerGroup {

    EMAIL("email-service"), INVENTORY("inventory-service"), ANALYTICS("analytics-service");

    private final String groupId;

    ConsumerGroup(String groupId) {
        this.groupId = groupId;
    }

    public String groupId() {
        return groupId;
    }

    public static Optional<ConsumerGroup> byGroupId(String groupId) {
        return Arrays.stream(values()).filter(group -> group.groupId.equals(groupId)).findFirst();
    }
}
