package com.example.checkout.benchmark;

import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import com.example.checkout.events.EventHeaders;
import com.example.checkout.events.EventJson;
import com.example.checkout.events.OrderPlaced;
import com.example.checkout.events.OrderPlaced.OrderLine;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * {@code java -jar benchmarks/target/checkout-benchmark.jar --consumers [--events=20000]}: how many events a second
 * each consumer (email, inventory, analytics) handles, beyond what the checkout can produce. Starts the demo, writes a
 * backlog of {@code OrderPlaced} events straight onto {@code orders} (headers and payload as the relay writes them),
 * and times each consumer's drain of it from its own {@code processed_events} rows: handled events over the time
 * from its first to its last. The email figure is mails accepted by the demo's SMTP server. The events' orders do
 * not exist in the orders database, so the order service parks the stock replies on its DLT: extra work on the
 * same two cores while the consumers are measured, which makes the figures conservative.
 */
final class ConsumerThroughput {

    private static final Duration DRAIN_TIMEOUT = Duration.ofMinutes(5);
    private static final int WARM_UP_EVENTS = 2_000;

    private final BenchmarkOptions options;
    private final Effects effects;

    private ConsumerThroughput(BenchmarkOptions options) {
        this.options = options;
        this.effects = new Effects(options.port(5432));
    }

    /** @param args the benchmark's own options plus {@code --events=<n>} */
    static void run(List<String> args) throws Exception {
        int events = 20_000;
        List<String> rest = new ArrayList<>();
        for (String arg : args) {
            if (arg.startsWith("--events=")) {
                events = Integer.parseInt(arg.substring("--events=".length()));
            } else if (!arg.equals("--consumers")) {
                rest.add(arg);
            }
        }
        BenchmarkOptions options = BenchmarkOptions.parse(rest.toArray(String[]::new));
        System.out.println("Starting the demo (" + options.demoJar() + ", --port-offset=" + options.portOffset() + ")...");
        try (DemoProcess demo = DemoProcess.start(options, options.output().resolve("demo-consumers.log"),
                List.of("-Xmx1g"))) {
            new ConsumerThroughput(options).measure(demo, events);
        }
    }

    private void measure(DemoProcess demo, int events) throws Exception {
        effects.stockTheShop();
        System.out.printf("Consumer throughput, %s, %d cores, Java %s, demo pid %d (-Xmx1g)%n",
                Instant.now().truncatedTo(ChronoUnit.SECONDS), Runtime.getRuntime().availableProcessors(),
                Runtime.version(), demo.pid());
        System.out.printf("Warming up with %d events...%n", WARM_UP_EVENTS);
        drain(produce(WARM_UP_EVENTS));
        String loadBefore = CheckoutBenchmark.loadAverage();
        ConsumerCpu cpu = new ConsumerCpu(demo.pid());
        ConsumerCpu.Sample cpuBefore = cpu.sample(Effects.CONSUMERS);
        List<UUID> ids = produce(events);
        Map<String, Drain> drains = drain(ids);
        ConsumerCpu.Sample used = cpu.sample(Effects.CONSUMERS).minus(cpuBefore);
        String loadAfter = CheckoutBenchmark.loadAverage();
        System.out.println();
        System.out.printf("%-10s %8s %10s %12s %16s %16s%n", "consumer", "events", "seconds", "events/s",
                "jvm ms/event", "postgres ms/event");
        drains.forEach((consumer, drain) -> System.out.printf("%-10s %8d %10.1f %12.0f %16.3f %16.3f%n", consumer,
                drain.handled(), drain.seconds(), drain.perSecond(), perEvent(used.listener().get(consumer), drain),
                perEvent(used.database().get(consumer), drain)));
        long handled = drains.values().stream().mapToLong(Drain::handled).sum();
        System.out.printf("jvm ms/event: the group's threads in the demo JVM; postgres ms/event: its database user's "
                + "backends.%nAll of it: demo JVM %.1f s + Postgres %.1f s of CPU for %d handled events = %.3f ms "
                + "per event (broker, SMTP server and the order service's DLT parking included)%n", used.jvm(),
                used.postgres(), handled, 1000 * (used.jvm() + used.postgres()) / handled);
        System.out.printf("backlog of %d OrderPlaced events; load average (1 min) %s before, %s after%n", events,
                loadBefore, loadAfter);
    }

    private static double perEvent(double cpuSeconds, Drain drain) {
        return drain.handled() > 0 ? 1000 * cpuSeconds / drain.handled() : 0;
    }

    /** Writes {@code count} OrderPlaced events onto orders as fast as the producer batches them; their event ids. */
    private List<UUID> produce(int count) {
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:" + options.port(9092),
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 5);
        List<UUID> ids = new ArrayList<>(count);
        try (var producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
            for (int n = 0; n < count; n++) {
                UUID eventId = UUID.randomUUID();
                OrderPlaced order = new OrderPlaced(UUID.randomUUID(), "bench-" + n, "bench-" + n + "@example.com",
                        List.of(new OrderLine("SKU-%03d".formatted(1 + n % 20), "Benchmark item", 1, 1990)), 1990,
                        "EUR", Instant.now().truncatedTo(ChronoUnit.MICROS));
                var record = new ProducerRecord<>("orders", order.subject(),
                        EventJson.write(order).getBytes(StandardCharsets.UTF_8));
                header(record, EventHeaders.SPEC_VERSION, EventHeaders.SPEC_VERSION_VALUE);
                header(record, EventHeaders.ID, eventId.toString());
                header(record, EventHeaders.TYPE, order.type());
                header(record, EventHeaders.SOURCE, EventHeaders.ORDER_SERVICE_SOURCE);
                header(record, EventHeaders.TIME, Instant.now().toString());
                header(record, EventHeaders.SUBJECT, order.subject());
                header(record, EventHeaders.CONTENT_TYPE, EventHeaders.JSON);
                producer.send(record);
                ids.add(eventId);
            }
            producer.flush();
        }
        return ids;
    }

    private static void header(ProducerRecord<String, byte[]> record, String name, String value) {
        record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    private record Drain(long handled, double seconds) {

        double perSecond() {
            return seconds > 0 ? (handled - 1) / seconds : 0;
        }
    }

    /** Waits for every consumer to handle every one of the events, then reads each one's first and last. */
    private Map<String, Drain> drain(List<UUID> ids) throws SQLException {
        Map<String, Drain> drains = new LinkedHashMap<>();
        long deadline = System.nanoTime() + DRAIN_TIMEOUT.toNanos();
        for (String consumer : Effects.CONSUMERS) {
            try (Connection connection = DriverManager.getConnection(effects.url(consumer), "postgres", "postgres")) {
                Drain drain = read(connection, ids);
                while (drain.handled() < ids.size() && System.nanoTime() < deadline) {
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(500));
                    drain = read(connection, ids);
                }
                drains.put(consumer, drain);
            }
        }
        return drains;
    }

    private static Drain read(Connection connection, List<UUID> ids) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("""
                SELECT count(*), extract(epoch FROM max(processed_at) - min(processed_at))
                FROM processed_events WHERE event_id = ANY(?)""")) {
            Array array = connection.createArrayOf("uuid", ids.toArray());
            query.setArray(1, array);
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return new Drain(row.getLong(1), row.getDouble(2));
            }
        }
    }
}
