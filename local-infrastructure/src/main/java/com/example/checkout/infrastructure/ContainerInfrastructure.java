package com.example.checkout.infrastructure;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Postgres ({@code postgres:18}), Kafka ({@code apache/kafka:4.2.1}) and Mailpit ({@code axllent/mailpit:v1.29}) as
 * containers through Testcontainers: the images of docker-compose.yml, for machines with a Docker engine.
 *
 * <p>It behaves like {@link EmbeddedInfrastructure} for the tests: {@code kafka().stop()/start()} and
 * {@code smtp().stop()/start()} are {@code docker stop}/{@code docker start} of the same container on the same host
 * port, which keeps topics, offsets and received mails. Needs {@code org.testcontainers:testcontainers-postgresql}
 * and {@code org.testcontainers:testcontainers-kafka} on the classpath (optional dependencies of this module).
 */
public final class ContainerInfrastructure implements Infrastructure {

    private static final Logger log = LoggerFactory.getLogger(ContainerInfrastructure.class);

    private final PostgresContainerServer postgres;
    private final KafkaContainerBroker kafka;
    private final MailpitSmtpServer smtp;

    private ContainerInfrastructure(PostgresContainerServer postgres, KafkaContainerBroker kafka, MailpitSmtpServer smtp) {
        this.postgres = postgres;
        this.kafka = kafka;
        this.smtp = smtp;
    }

    /** Starts the three containers side by side; Testcontainers' Ryuk removes them if this JVM dies. */
    public static ContainerInfrastructure start() {
        long startedAt = System.nanoTime();
        log.info("Starting {}, {} and {} containers", PostgresContainerServer.IMAGE, KafkaContainerBroker.IMAGE, MailpitSmtpServer.IMAGE);
        CompletableFuture<PostgresContainerServer> postgres = CompletableFuture.supplyAsync(
                PostgresContainerServer::startContainer, command -> new Thread(command, "start-postgres-container").start());
        CompletableFuture<KafkaContainerBroker> kafka = CompletableFuture.supplyAsync(
                KafkaContainerBroker::startContainer, command -> new Thread(command, "start-kafka-container").start());
        CompletableFuture<MailpitSmtpServer> smtp = CompletableFuture.supplyAsync(
                MailpitSmtpServer::startContainer, command -> new Thread(command, "start-mailpit-container").start());
        try {
            CompletableFuture.allOf(postgres, kafka, smtp).join();
        } catch (CompletionException e) {
            postgres.thenAccept(PostgresContainerServer::close);
            kafka.thenAccept(KafkaContainerBroker::close);
            smtp.thenAccept(MailpitSmtpServer::close);
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
        ContainerInfrastructure infrastructure = new ContainerInfrastructure(postgres.join(), kafka.join(), smtp.join());
        log.info("Infrastructure ready in {} ms: postgres={}, kafka={}, smtp={}:{}", (System.nanoTime() - startedAt) / 1_000_000,
                infrastructure.postgres.jdbcUrl("<database>"), infrastructure.kafka.bootstrapServers(),
                infrastructure.smtp.host(), infrastructure.smtp.port());
        return infrastructure;
    }

    @Override
    public PostgresServer postgres() {
        return postgres;
    }

    @Override
    public KafkaBroker kafka() {
        return kafka;
    }

    @Override
    public SmtpServer smtp() {
        return smtp;
    }

    @Override
    public void close() {
        smtp.close();
        kafka.close();
        postgres.close();
    }
}
