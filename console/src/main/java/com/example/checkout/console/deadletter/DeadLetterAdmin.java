package com.example.checkout.console.deadletter;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import com.example.checkout.console.system.ConsumerGroup;
import com.example.checkout.console.system.ServiceClients;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * A consumer's {@code GET /dlt?limit=&cursor=}, {@code POST /dlt/{id}/replay} and {@code POST /dlt/replay}, with
 * the admin credentials. Reads both shapes of {@code GET /dlt}: a page ({@code items}, {@code nextCursor}) and the
 * older plain list, which it pages itself.
 */
@Component
class DeadLetterAdmin {

    private static final TypeReference<List<DeadLetter>> LIST = new TypeReference<>() {
    };

    private final ServiceClients services;
    private final JsonMapper json;

    DeadLetterAdmin(ServiceClients services, JsonMapper json) {
        this.services = services;
        this.json = json;
    }

    /** A parked record, the fields the console shows. */
    record DeadLetter(long id, String topic, int partition, long offset, @Nullable String key,
                      @Nullable String eventId, @Nullable String eventType, String reason,
                      @Nullable String exceptionClass, int attempts, Instant deadLetteredAt) {
    }

    /** @param nextCursor the cursor of the next page; {@code null} on the last */
    record Page(List<DeadLetter> items, @Nullable Long nextCursor) {
    }

    /** @param remaining still parked afterwards, when the consumer says */
    record ReplayResult(int replayed, int failed, @Nullable Long remaining) {
    }

    Page parked(ConsumerGroup group, int limit, @Nullable Long cursor) {
        String body = services.consumerAdmin(group).get()
                .uri(uri -> uri.path("/dlt").queryParam("limit", limit)
                        .queryParamIfPresent("cursor", Optional.ofNullable(cursor)).build())
                .retrieve().body(String.class);
        String text = body == null ? "[]" : body;
        if (json.readTree(text).isArray()) {
            List<DeadLetter> all = json.readValue(text, LIST);
            List<DeadLetter> after = all.stream().filter(letter -> cursor == null || letter.id() > cursor).toList();
            List<DeadLetter> page = after.subList(0, Math.min(limit, after.size()));
            return new Page(page, after.size() > limit ? page.getLast().id() : null);
        }
        return json.readValue(text, Page.class);
    }

    ReplayResult replay(ConsumerGroup group, long id) {
        return services.consumerAdmin(group).post().uri("/dlt/{id}/replay", id).retrieve().body(ReplayResult.class);
    }

    ReplayResult replayAll(ConsumerGroup group) {
        return services.consumerAdmin(group).post().uri("/dlt/replay").retrieve().body(ReplayResult.class);
    }
}
