package com.example.checkout.relay.streaming;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.example.checkout.events.EventHeaders;
import com.example.checkout.events.Topics;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;

/**
 * One source database the relay streams, with everything that must be its own: slot, publication, offsets topic,
 * leader lock, and the topics its outbox rows may be routed to.
 *
 * @param name names the source in logs, health and metrics ({@code orders}, {@code inventory})
 * @param engineName keys the engine's offsets in its offsets topic: renaming it makes the relay forget its
 *         position (it then resumes from the slot's confirmed position, so nothing is lost)
 * @param changeTopicPrefix Debezium's {@code topic.prefix}; it also names the engine's JMX metrics, so two sources
 *         in one JVM must not share it
 */
public record RelaySource(
        String name,
        SourceDatabase database,
        String slotName,
        String publication,
        long leaderLockId,
        String offsetsTopic,
        String eventSource,
        Set<String> topics,
        String engineName,
        String changeTopicPrefix) {

    public static final String ORDERS = "orders";
    static final String DEFAULT_PUBLICATION = "outbox_publication";

    /** The sources {@code relay} configures: {@code orders} from {@code spring.datasource.*}, then the others. */
    static List<RelaySource> all(RelayProperties relay, JdbcConnectionDetails datasource) {
        List<RelaySource> sources = new ArrayList<>();
        if (relay.ordersEnabled()) {
            SourceDatabase orders = SourceDatabase.from(datasource);
            // Engine name and prefix as they always were, so an upgraded relay resumes from its committed offsets.
            sources.add(new RelaySource(ORDERS, orders, relay.slotName(), DEFAULT_PUBLICATION, relay.leaderLockId(),
                    relay.offsetsTopic(), EventHeaders.ORDER_SERVICE_SOURCE, Set.of(Topics.ORDERS), "outbox-relay",
                    orders.database()));
        }
        relay.sources().forEach((name, source) -> sources.add(of(name, source, relay, datasource)));
        return List.copyOf(sources);
    }

    private static RelaySource of(String name, RelayProperties.Source source, RelayProperties relay,
            JdbcConnectionDetails datasource) {
        if (name.equals(ORDERS)) {
            throw new IllegalArgumentException("checkout.relay.sources.orders: the orders source is configured by "
                    + "spring.datasource.* and the top-level checkout.relay keys");
        }
        if (source.url() == null || source.slotName() == null) {
            throw new IllegalArgumentException("checkout.relay.sources." + name + " needs url and slot-name");
        }
        SourceDatabase database = SourceDatabase.from(source.url(),
                source.username() != null ? source.username() : datasource.getUsername(),
                source.password() != null ? source.password() : datasource.getPassword());
        return new RelaySource(name, database, source.slotName(),
                source.publication() != null ? source.publication() : DEFAULT_PUBLICATION,
                source.leaderLockId() != null ? source.leaderLockId() : relay.leaderLockId(),
                source.offsetsTopic() != null ? source.offsetsTopic() : "outbox-relay." + name + ".offsets",
                source.eventSource() != null ? source.eventSource() : "/checkout/" + name + "-service",
                source.topics() == null || source.topics().isEmpty() ? Set.of(name) : Set.copyOf(source.topics()),
                "outbox-relay-" + name,
                name);
    }
}
