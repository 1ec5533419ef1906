package com.example.checkout.infrastructure;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A single Kafka node in KRaft combined mode (broker and controller in one), running inside this JVM.
 *
 * <p>Unlike spring-kafka-test's embedded broker it keeps its log directory across {@link #stop()} and
 * {@link #start()}, so a restart keeps topics, records and committed offsets, as a real broker outage would.
 * It is sized for a two-core laptop: few threads, one partition for the internal topics, small buffers.
 */
final class KraftKafkaBroker implements KafkaBroker, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(KraftKafkaBroker.class);
    private static final String HOST = "localhost";
    private static final int NODE_ID = 1;

    private final Path logDirectory;
    private final int port;
    private KafkaRaftServer server;

    private KraftKafkaBroker(Path logDirectory, int port) {
        this.logDirectory = logDirectory;
        this.port = port;
    }

    /** Formats {@code logDirectory} unless it holds a broker's data already, then starts the broker on {@code port}. */
    static KraftKafkaBroker start(Path logDirectory, int port) {
        KraftKafkaBroker broker = new KraftKafkaBroker(logDirectory, port);
        broker.formatUnlessFormatted();
        broker.start();
        return broker;
    }

    @Override
    public String bootstrapServers() {
        return HOST + ":" + port;
    }

    @Override
    public synchronized void start() {
        if (server != null) {
            return;
        }
        KafkaRaftServer starting = new KafkaRaftServer(KafkaConfig.fromProps(configuration()), Time.SYSTEM);
        try {
            starting.startup(); // returns once the broker is registered and unfenced, i.e. serving
        } catch (RuntimeException e) {
            shutDown(starting);
            throw new IllegalStateException("Kafka did not start on port " + port, e);
        }
        server = starting;
    }

    @Override
    public synchronized void stop() {
        if (server == null) {
            return;
        }
        KafkaRaftServer stopping = server;
        server = null;
        shutDown(stopping);
    }

    @Override
    public synchronized boolean isRunning() {
        return server != null;
    }

    @Override
    public void close() {
        stop();
    }

    private static void shutDown(KafkaRaftServer server) {
        server.shutdown();
        server.awaitShutdown();
    }

    private void formatUnlessFormatted() {
        if (Files.exists(logDirectory.resolve("meta.properties"))) {
            return;
        }
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        try (PrintStream printStream = new PrintStream(output, true, StandardCharsets.UTF_8)) {
            Files.createDirectories(logDirectory);
            new Formatter()
                    .setPrintStream(printStream)
                    .setNodeId(NODE_ID)
                    .setClusterId(Uuid.randomUuid().toString())
                    .setControllerListenerName("CONTROLLER")
                    .setMetadataLogDirectory(logDirectory.toString())
                    .addDirectory(logDirectory.toString())
                    .setReleaseVersion(MetadataVersion.latestProduction())
                    // A static voter set: the controller port may differ on the next start (see configuration()).
                    .setHasDynamicQuorum(false)
                    .run();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create " + logDirectory, e);
        } catch (Exception e) {
            throw new IllegalStateException("Could not format Kafka storage in " + logDirectory, e);
        }
        log.debug("Formatted Kafka storage: {}", output.toString(StandardCharsets.UTF_8).strip());
    }

    private Properties configuration() {
        // The controller listener is internal to this process; a fresh free port on every start means it can never
        // be the one left in TIME_WAIT by the previous run.
        int controllerPort = InfrastructurePorts.freePort();
        Properties config = new Properties();
        config.setProperty("node.id", String.valueOf(NODE_ID));
        config.setProperty("process.roles", "broker,controller");
        config.setProperty("controller.quorum.voters", NODE_ID + "@127.0.0.1:" + controllerPort);
        config.setProperty("controller.listener.names", "CONTROLLER");
        config.setProperty("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        config.setProperty("advertised.listeners", "PLAINTEXT://" + HOST + ":" + port);
        config.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        config.setProperty("inter.broker.listener.name", "PLAINTEXT");
        config.setProperty("log.dirs", logDirectory.toString());
        config.setProperty("metadata.log.dir", logDirectory.toString());

        // A topic exists because its owner declared it; a typo in a topic name fails instead of creating a topic.
        config.setProperty("auto.create.topics.enable", "false");
        config.setProperty("num.partitions", "1");
        config.setProperty("default.replication.factor", "1");
        config.setProperty("min.insync.replicas", "1");
        config.setProperty("offsets.topic.replication.factor", "1");
        config.setProperty("offsets.topic.num.partitions", "1");
        config.setProperty("transaction.state.log.replication.factor", "1");
        config.setProperty("transaction.state.log.min.isr", "1");
        config.setProperty("transaction.state.log.num.partitions", "1");
        config.setProperty("share.coordinator.state.topic.replication.factor", "1");
        config.setProperty("share.coordinator.state.topic.min.isr", "1");
        config.setProperty("share.coordinator.state.topic.num.partitions", "1");
        // Consumers join at once instead of waiting 3 s for more members: tests and the demo start faster.
        config.setProperty("group.initial.rebalance.delay.ms", "0");

        // Small: a few threads and buffers, small segments, so the broker fits beside five services on two cores.
        config.setProperty("num.network.threads", "2");
        config.setProperty("num.io.threads", "2");
        config.setProperty("background.threads", "2");
        config.setProperty("num.replica.fetchers", "1");
        config.setProperty("num.recovery.threads.per.data.dir", "1");
        config.setProperty("log.cleaner.threads", "1");
        config.setProperty("log.cleaner.dedupe.buffer.size", String.valueOf(2 * 1024 * 1024));
        config.setProperty("log.segment.bytes", String.valueOf(16 * 1024 * 1024));
        config.setProperty("offsets.topic.segment.bytes", String.valueOf(16 * 1024 * 1024));
        config.setProperty("log.index.size.max.bytes", String.valueOf(1024 * 1024));
        config.setProperty("controlled.shutdown.enable", "true");
        config.setProperty("server.max.startup.time.ms", "60000");
        return config;
    }
}
