package com.example.checkout.console.overview;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.example.checkout.console.system.ConsoleProperties;
import com.example.checkout.console.system.ConsumerGroup;
import com.example.checkout.console.system.ServiceClients;
import org.jspecify.annotations.Nullable;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * Scrapes every service's {@code /actuator/prometheus} every few seconds (in parallel, each with the console's
 * short timeout) and keeps the last few minutes as {@link Sample}s for the overview's charts. Counters become
 * rates and totals here, so the browser only draws.
 *
 * <p>These are the numbers of one instance per service, which is what the demo and compose run; with replicas
 * (Kubernetes) the console sees whichever pod answers, and Prometheus with the dashboards is the place to look.
 */
@Component
class MetricsSampler implements AutoCloseable {

    static final String CHECKOUTS = "http_server_requests_seconds_count";
    static final String RELAYED = "relay_events_relayed_total";
    static final String RELAY_DELAY = "relay_delay_seconds";
    static final String CONSUMER_EVENTS = "checkout_consumer_events_total";
    static final String DLT_PARKED = "checkout_consumer_dlt_parked";
    static final String LAG = "checkout_consumer_lag";
    static final String PAUSED = "checkout_consumer_paused";

    /**
     * The metric families the samples are made of, asked for by name: a whole scrape is ~300 KB per service, and
     * writing it five times every two seconds was the idle demo's largest single cost (JFR: a quarter of its CPU on
     * the services' request threads). The names are Prometheus' base names, without {@code _total}/{@code _count}.
     */
    static final List<String> FAMILIES = List.of("http_server_requests_seconds", "relay_events_relayed",
            RELAY_DELAY, "checkout_consumer_events", DLT_PARKED, LAG, PAUSED);

    private final ServiceClients services;
    private final int capacity;
    private final ExecutorService scrapes = Executors.newVirtualThreadPerTaskExecutor();
    private final ArrayDeque<Sample> samples = new ArrayDeque<>();

    private final RunningTotal checkouts = new RunningTotal();
    private final RunningTotal relayed = new RunningTotal();
    private final RunningTotal relayDelaySum = new RunningTotal();
    private final RunningTotal relayDelayCount = new RunningTotal();
    private final Map<Double, RunningTotal> relayDelayBuckets = new TreeMap<>();
    private final Map<ConsumerGroup, Map<String, RunningTotal>> outcomes = new EnumMap<>(ConsumerGroup.class);
    private @Nullable Instant lastSampleAt;

    MetricsSampler(ServiceClients services, ConsoleProperties properties) {
        this.services = services;
        this.capacity = (int) Math.max(2, properties.history().dividedBy(properties.sampleInterval()));
        for (ConsumerGroup group : ConsumerGroup.values()) {
            outcomes.put(group, new LinkedHashMap<>());
        }
    }

    @Scheduled(fixedDelayString = "${checkout.console.sample-interval:2s}")
    void sampleNow() {
        CompletableFuture<PrometheusText> order = scrape(services.order());
        CompletableFuture<PrometheusText> relay = scrape(services.relay());
        Map<ConsumerGroup, CompletableFuture<PrometheusText>> consumers = new EnumMap<>(ConsumerGroup.class);
        for (ConsumerGroup group : ConsumerGroup.values()) {
            consumers.put(group, scrape(services.consumer(group)));
        }
        Map<ConsumerGroup, PrometheusText> consumerTexts = new EnumMap<>(ConsumerGroup.class);
        consumers.forEach((group, text) -> consumerTexts.put(group, text.join()));
        record(Instant.now(), order.join(), relay.join(), consumerTexts);
    }

    /** Turns one round of scrapes into a sample; a {@code null} text is a service that did not answer. */
    synchronized Sample record(Instant at, @Nullable PrometheusText order, @Nullable PrometheusText relay,
                               Map<ConsumerGroup, PrometheusText> consumers) {
        double seconds = lastSampleAt == null ? 0 : Duration.between(lastSampleAt, at).toMillis() / 1000.0;
        boolean first = lastSampleAt == null;
        lastSampleAt = at;

        Double checkoutsPerSecond = null;
        if (order != null) {
            double added = checkouts.observe(order.sum(CHECKOUTS,
                    series -> series.label("uri").equals("/checkout") && series.label("status").equals("201")));
            checkoutsPerSecond = first || seconds <= 0 ? null : added / seconds;
        }

        Double delayMs = null;
        Double delayP99Ms = null;
        if (relay != null) {
            relayed.observe(relay.sum(RELAYED, MetricsSampler::fromOrdersSource));
            double count = relayDelayCount.observe(relay.sum(RELAY_DELAY + "_count", MetricsSampler::fromOrdersSource));
            double sum = relayDelaySum.observe(relay.sum(RELAY_DELAY + "_sum", MetricsSampler::fromOrdersSource));
            Map<Double, Double> bucketGrowth = new TreeMap<>();
            for (PrometheusText.Series bucket : relay.all(RELAY_DELAY + "_bucket").stream()
                    .filter(MetricsSampler::fromOrdersSource).toList()) {
                double le = Double.parseDouble(bucket.label("le").replace("+Inf", "Infinity"));
                bucketGrowth.put(le, relayDelayBuckets.computeIfAbsent(le, any -> new RunningTotal()).observe(bucket.value()));
            }
            if (count > 0) {
                delayMs = sum / count * 1000;
                delayP99Ms = percentile(bucketGrowth, count, 0.99);
            }
        }

        Map<String, Sample.Group> groups = new LinkedHashMap<>();
        for (ConsumerGroup group : ConsumerGroup.values()) {
            PrometheusText text = consumers.get(group);
            groups.put(group.groupId(), text == null ? new Sample.Group(false, null, null, null, null)
                    : group(group, text, first ? 0 : seconds));
        }
        Sample sample = new Sample(at, order != null, checkoutsPerSecond, relay != null, delayMs, delayP99Ms, groups);
        samples.addLast(sample);
        while (samples.size() > capacity) {
            samples.removeFirst();
        }
        return sample;
    }

    private Sample.Group group(ConsumerGroup group, PrometheusText text, double seconds) {
        Map<String, RunningTotal> totals = outcomes.get(group);
        double handledNow = 0;
        for (String outcome : List.of("processed", "duplicate", "ignored", "dead_lettered", "replayed")) {
            Double value = text.sum(CONSUMER_EVENTS, series -> series.label("outcome").equals(outcome));
            double added = totals.computeIfAbsent(outcome, any -> new RunningTotal()).observe(value);
            if (outcome.equals("processed")) {
                handledNow = added;
            }
        }
        Double reportedLag = text.sum(LAG);
        Long backlog = reportedLag != null ? Long.valueOf(Math.round(reportedLag)) : Long.valueOf(estimatedBacklog(totals));
        Double parked = text.sum(DLT_PARKED);
        Double paused = text.sum(PAUSED);
        return new Sample.Group(true, backlog, parked == null ? null : Math.round(parked),
                paused == null ? null : paused > 0, seconds > 0 ? handledNow / seconds : null);
    }

    /**
     * Events relayed minus events this group is done with: processed, found duplicate, ignored (an event type that
     * is another group's business, e.g. {@code OrderConfirmed}) or parked. A replayed dead letter is counted as
     * processed again, and it had been counted once already as parked, so replays come off. Never below zero: the
     * console may have started while a backlog was draining.
     */
    private long estimatedBacklog(Map<String, RunningTotal> totals) {
        double done = total(totals, "processed") + total(totals, "duplicate") + total(totals, "ignored")
                + total(totals, "dead_lettered") - total(totals, "replayed");
        return Math.max(0, Math.round(relayed.total() - done));
    }

    /**
     * A relay that streams several source databases tags its series by {@code source}; the consumer groups read
     * what the {@code orders} source publishes (a series without the tag is from a relay of one source).
     */
    private static boolean fromOrdersSource(PrometheusText.Series series) {
        String source = series.label("source");
        return source.isEmpty() || source.equals("orders");
    }

    private static double total(Map<String, RunningTotal> totals, String outcome) {
        RunningTotal total = totals.get(outcome);
        return total == null ? 0 : total.total();
    }

    /** The upper bound of the bucket the quantile falls in: what a histogram can honestly say. */
    private static @Nullable Double percentile(Map<Double, Double> cumulativeGrowth, double count, double quantile) {
        double rank = quantile * count;
        for (Map.Entry<Double, Double> bucket : cumulativeGrowth.entrySet()) {
            if (bucket.getValue() >= rank && !bucket.getKey().isInfinite()) {
                return bucket.getKey() * 1000;
            }
        }
        return null;
    }

    synchronized List<Sample> samples() {
        return List.copyOf(samples);
    }

    synchronized Optional<Sample> latest() {
        return Optional.ofNullable(samples.peekLast());
    }

    private CompletableFuture<PrometheusText> scrape(RestClient service) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                String body = service.get().uri("/actuator/prometheus?includedNames={families}",
                        String.join(",", FAMILIES)).retrieve().body(String.class);
                return body == null ? null : PrometheusText.parse(body);
            } catch (RestClientException unreachable) {
                return null;
            }
        }, scrapes);
    }

    @Override
    public void close() {
        scrapes.shutdownNow();
    }
}
