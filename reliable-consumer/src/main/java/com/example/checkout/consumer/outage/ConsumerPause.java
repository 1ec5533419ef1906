package com.example.checkout.consumer.outage;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * The group's circuit breaker on its dependencies. A record that fails because a {@link Dependency} is down pauses
 * every container of the group (main topic, retry topics, DLT): nothing more is fetched, the failed record is
 * retried in place once they resume (the error handler set up by ConsumerRetryTopicSupport), the lag grows, nothing is parked. A
 * probe of the dependency runs every {@code probe-interval}; the first that answers resumes the containers. A
 * failure no dependency explains (one address rejected, a bad payload) is the record's own and takes the retry
 * topics to the DLT as before.
 *
 * <p>{@code checkout.consumer.paused{service}} is 1 while paused, {@code checkout.consumer.paused.seconds{service}}
 * the time spent paused.
 */
public class ConsumerPause implements DisposableBean {

    public static final String PAUSED = "checkout.consumer.paused";
    public static final String PAUSED_SECONDS = "checkout.consumer.paused.seconds";

    private static final Logger log = LoggerFactory.getLogger(ConsumerPause.class);

    private final List<Dependency> dependencies;
    private final ObjectProvider<KafkaListenerEndpointRegistry> registry;
    private final OutageProperties properties;
    private final String group;
    private final ScheduledExecutorService probes;

    private @Nullable Dependency down;
    private long pausedSince;
    private long pausedNanosBefore;

    public ConsumerPause(List<Dependency> dependencies, ObjectProvider<KafkaListenerEndpointRegistry> registry,
                         OutageProperties properties, String group, MeterRegistry meters) {
        this.dependencies = List.copyOf(dependencies);
        this.registry = registry;
        this.properties = properties;
        this.group = group;
        this.probes = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon()
                .name(group + "-outage-probe").factory());
        Gauge.builder(PAUSED, this, pause -> pause.isPaused() ? 1 : 0)
                .description("1 while the group's consumers are paused for a dependency outage")
                .tag("service", group).register(meters);
        FunctionCounter.builder(PAUSED_SECONDS, this, ConsumerPause::pausedSeconds)
                .description("Time the group's consumers spent paused for dependency outages")
                .baseUnit("seconds").tag("service", group).register(meters);
    }

    /**
     * @return what the listener throws for this failure: a {@link DependencyDownException} once the group is paused
     *         for it, else the failure itself
     */
    public RuntimeException classify(RuntimeException failure) {
        if (!properties.enabled()) {
            return failure;
        }
        for (Dependency dependency : dependencies) {
            if (dependency.isDown(failure)) {
                pause(dependency, failure);
                return new DependencyDownException(dependency.name(), failure);
            }
        }
        return failure;
    }

    public synchronized boolean isPaused() {
        return down != null;
    }

    public synchronized double pausedSeconds() {
        long nanos = pausedNanosBefore + (down == null ? 0 : System.nanoTime() - pausedSince);
        return nanos / 1e9;
    }

    private synchronized void pause(Dependency dependency, Throwable failure) {
        if (down != null) {
            return; // another consumer thread found it down first
        }
        down = dependency;
        pausedSince = System.nanoTime();
        log.warn("{} is down ({}): {} pauses its consumers and probes it every {}", dependency.name(),
                failure.toString(), group, properties.probeInterval());
        containers().forEach(MessageListenerContainer::pause);
        scheduleProbe();
    }

    private void scheduleProbe() {
        probes.schedule(this::probe, properties.probeInterval().toMillis(), TimeUnit.MILLISECONDS);
    }

    private void probe() {
        Dependency dependency;
        synchronized (this) {
            dependency = down;
        }
        if (dependency == null) {
            return;
        }
        try {
            dependency.probe();
        } catch (Exception stillDown) {
            log.debug("{} still down: {}", dependency.name(), stillDown.toString());
            scheduleProbe();
            return;
        }
        resume(dependency);
    }

    private synchronized void resume(Dependency dependency) {
        Duration paused = Duration.ofNanos(System.nanoTime() - pausedSince);
        pausedNanosBefore += paused.toNanos();
        down = null;
        containers().forEach(MessageListenerContainer::resume);
        log.warn("{} answers again: {} resumes its consumers after {} s paused", dependency.name(), group,
                paused.toSeconds());
    }

    private List<MessageListenerContainer> containers() {
        KafkaListenerEndpointRegistry containers = registry.getIfAvailable();
        return containers == null ? List.of() : List.copyOf(containers.getAllListenerContainers());
    }

    @Override
    public void destroy() {
        probes.shutdownNow();
    }
}
