package com.example.checkout.console.deadletter;

import java.time.Instant;
import java.util.List;

import com.example.checkout.console.system.ConsumerGroup;
import com.example.checkout.console.system.ServiceClients;
import org.jspecify.annotations.Nullable;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.stereotype.Component;

/** A consumer's {@code GET /dlt}, {@code POST /dlt/{id}/replay} and {@code POST /dlt/replay}. */
@Component
class DeadLetterAdmin {

    private final ServiceClients services;

    DeadLetterAdmin(ServiceClients services) {
        this.services = services;
    }

    /** A parked record, the fields the console shows. */
    record DeadLetter(long id, String topic, int partition, long offset, @Nullable String key,
                      @Nullable String eventId, @Nullable String eventType, String reason,
                      @Nullable String exceptionClass, int attempts, Instant deadLetteredAt) {
    }

    record ReplayResult(int replayed, int failed) {
    }

    List<DeadLetter> parked(ConsumerGroup group) {
        List<DeadLetter> parked = services.consumer(group).get().uri("/dlt").retrieve()
                .body(new ParameterizedTypeReference<List<DeadLetter>>() {
                });
        return parked == null ? List.of() : parked;
    }

    ReplayResult replay(ConsumerGroup group, long id) {
        return services.consumer(group).post().uri("/dlt/{id}/replay", id).retrieve().body(ReplayResult.class);
    }

    ReplayResult replayAll(ConsumerGroup group) {
        return services.consumer(group).post().uri("/dlt/replay").retrieve().body(ReplayResult.class);
    }
}
