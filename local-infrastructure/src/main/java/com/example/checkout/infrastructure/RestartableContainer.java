package com.example.checkout.infrastructure;

import com.github.dockerjava.api.model.PortBinding;
import java.util.Arrays;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;

/**
 * A started container that can have an outage: {@code docker stop} and {@code docker start} of the same container,
 * which keeps its filesystem (Kafka's log, Mailpit's database). Testcontainers' own {@code stop()} removes the
 * container and its data, so it is only used by {@link #close()}.
 *
 * <p>A restarted container keeps its ports only if they are bound to fixed host ports ({@link #bindFixedPorts}):
 * Docker hands out new random ones on start, and Kafka advertises the port it was started with.
 */
final class RestartableContainer {

    private final GenericContainer<?> container;
    private final Runnable awaitReady;
    private boolean running = true;

    /**
     * @param container  a started container
     * @param awaitReady returns once the restarted container serves again
     */
    RestartableContainer(GenericContainer<?> container, Runnable awaitReady) {
        this.container = container;
        this.awaitReady = awaitReady;
    }

    /** Binds container ports to fixed host ports; call before the container starts. */
    static void bindFixedPorts(GenericContainer<?> container, PortBinding... bindings) {
        container.withCreateContainerCmdModifier(command -> command.getHostConfig().withPortBindings(Arrays.asList(bindings)));
    }

    synchronized void stop() {
        if (running) {
            DockerClientFactory.instance().client().stopContainerCmd(container.getContainerId()).exec();
            running = false;
        }
    }

    synchronized void start() {
        if (!running) {
            DockerClientFactory.instance().client().startContainerCmd(container.getContainerId()).exec();
            awaitReady.run();
            running = true;
        }
    }

    synchronized boolean isRunning() {
        return running;
    }

    /** Removes the container and its data. */
    void close() {
        container.stop();
    }
}
