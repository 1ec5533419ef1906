package com.example.checkout.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class SharedInfrastructureIntegrationTests {

    @Test
    void everyCallerGetsTheSameInfrastructure() {
        assertThat(SharedInfrastructure.get()).isSameAs(SharedInfrastructure.get());
    }

    @Test
    void registerHandsSpringTheConnectionsOfOneDatabase() {
        // given
        Infrastructure infrastructure = SharedInfrastructure.get();
        Map<String, Supplier<Object>> registered = new HashMap<>();

        // when
        SharedInfrastructure.register(registered::put, "email");

        // then
        assertThat(registered).containsOnlyKeys("spring.datasource.url", "spring.datasource.username",
                "spring.datasource.password", "spring.kafka.bootstrap-servers", "spring.mail.host", "spring.mail.port");
        // The host is the one the infrastructure reports: a container's may be a remote Docker host, not localhost.
        PostgresServer postgres = infrastructure.postgres();
        assertThat(registered.get("spring.datasource.url").get())
                .isEqualTo("jdbc:postgresql://" + postgres.host() + ":" + postgres.port() + "/email");
        assertThat(registered.get("spring.kafka.bootstrap-servers").get())
                .isEqualTo(infrastructure.kafka().bootstrapServers());
        assertThat(registered.get("spring.mail.host").get()).isEqualTo(infrastructure.smtp().host());
        assertThat(registered.get("spring.mail.port").get()).isEqualTo(infrastructure.smtp().port());
    }

    @Test
    void anUnknownDatabaseIsRejected() {
        assertThatThrownBy(() -> SharedInfrastructure.get().springProperties("order"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("order");
    }
}
