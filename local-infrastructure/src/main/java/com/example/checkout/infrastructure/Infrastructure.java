package com.example.checkout.infrastructure;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.example.checkout.services.SystemService;

/**
 * The Postgres, Kafka broker and SMTP server a set of services runs against.
 *
 * <p>Services take their connections only from the standard Spring properties
 * ({@code spring.datasource.*}, {@code spring.kafka.bootstrap-servers}, {@code spring.mail.*}),
 * so {@link #springProperties(String)} is all a test or the local demo needs to hand over.
 */
public interface Infrastructure extends AutoCloseable {

    /** The databases that exist as soon as the infrastructure has started, one per service that owns data. */
    List<String> DATABASES = SystemService.databases();

    PostgresServer postgres();

    KafkaBroker kafka();

    SmtpServer smtp();

    /**
     * The Spring Boot properties that point a service at this infrastructure.
     *
     * @param database one of {@link #DATABASES}
     */
    default Map<String, Object> springProperties(String database) {
        if (!DATABASES.contains(database)) {
            throw new IllegalArgumentException("Unknown database '" + database + "'; known: " + DATABASES);
        }
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("spring.datasource.url", postgres().jdbcUrl(database));
        properties.put("spring.datasource.username", postgres().username());
        properties.put("spring.datasource.password", postgres().password());
        properties.putAll(messagingProperties());
        return properties;
    }

    /**
     * The Spring Boot properties that point {@code service} at this infrastructure: its own database (if it has one),
     * Kafka and SMTP.
     */
    default Map<String, Object> springProperties(SystemService service) {
        return service.database().map(this::springProperties).orElseGet(this::messagingProperties);
    }

    private Map<String, Object> messagingProperties() {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("spring.kafka.bootstrap-servers", kafka().bootstrapServers());
        properties.put("spring.mail.host", smtp().host());
        properties.put("spring.mail.port", smtp().port());
        return properties;
    }

    /**
     * {@code properties} (typically {@link #springProperties(String)} and a few more) as the arguments of a service
     * started in this JVM. Command-line arguments outrank the service's own yml, as environment variables do in a
     * deployment; {@code SpringApplicationBuilder.properties(...)} would not: default properties rank below every
     * config file, so the service would quietly keep its {@code localhost:5432}.
     */
    static String[] commandLine(Map<String, ?> properties) {
        return properties.entrySet().stream()
                .map(property -> "--" + property.getKey() + "=" + property.getValue())
                .toArray(String[]::new);
    }

    /** Stops everything; temporary data is deleted. */
    @Override
    void close();
}
