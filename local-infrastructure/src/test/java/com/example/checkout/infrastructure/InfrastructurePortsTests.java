package com.example.checkout.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.Set;
import org.junit.jupiter.api.Test;

class InfrastructurePortsTests {

    @Test
    void theDefaultsAreThePortsTheServicesAreConfiguredFor() {
        assertThat(InfrastructurePorts.defaults()).isEqualTo(new InfrastructurePorts(5432, 9092, 2525));
    }

    @Test
    void randomPortsAreThreeDifferentFreePorts() {
        InfrastructurePorts ports = InfrastructurePorts.random();

        assertThat(Set.of(ports.postgres(), ports.kafka(), ports.smtp())).hasSize(3);
        ports.requireFree();
    }

    @Test
    void startingOnATakenPortFailsNamingThePortBeforeAnythingStarts() throws IOException {
        // given something already listening where Kafka should
        try (ServerSocket occupant = new ServerSocket(0)) {
            InfrastructurePorts random = InfrastructurePorts.random();
            InfrastructurePorts ports = new InfrastructurePorts(random.postgres(), occupant.getLocalPort(), random.smtp());

            // when / then
            assertThatThrownBy(() -> EmbeddedInfrastructure.start(ports))
                    .isInstanceOfSatisfying(PortInUseException.class, e -> {
                        assertThat(e.port()).isEqualTo(occupant.getLocalPort());
                        assertThat(e.service()).isEqualTo("Kafka");
                    })
                    .hasMessage("Port " + occupant.getLocalPort() + " for Kafka is already in use: stop whatever"
                            + " listens there or configure another Kafka port");
            // nothing was started: the ports Postgres and SMTP would have taken are still free
            new InfrastructurePorts(random.postgres(), random.kafka(), random.smtp()).requireFree();
        }
    }

    @Test
    void portsMustDiffer() {
        assertThatThrownBy(() -> new InfrastructurePorts(5432, 5432, 2525))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
