package com.example.checkout.services;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

class SystemServiceTests {

    @Test
    void everyServiceHasItsOwnNamePortAndRole() {
        assertThat(Arrays.stream(SystemService.values()).map(SystemService::serviceName)).doesNotHaveDuplicates();
        assertThat(Arrays.stream(SystemService.values()).map(SystemService::port)).doesNotHaveDuplicates();
        assertThat(Arrays.stream(SystemService.values()).flatMap(service -> service.databaseRole().stream()))
                .doesNotHaveDuplicates();
    }

    @Test
    void aServiceWithADatabaseLogsInAsItsOwnRole() {
        for (SystemService service : SystemService.values()) {
            assertThat(service.databaseRole().isPresent()).as(service.serviceName())
                    .isEqualTo(service.database().isPresent());
        }
    }

    @Test
    void theRelayReadsTheOrderServicesDatabaseWhichOnlyTheOrderServiceOwns() {
        assertThat(SystemService.RELAY.database()).isEqualTo(SystemService.ORDER.database());
        assertThat(SystemService.ORDER.ownsDatabase()).isTrue();
        assertThat(SystemService.RELAY.ownsDatabase()).isFalse();
        assertThat(SystemService.RELAY.ordinal()).isGreaterThan(SystemService.ORDER.ordinal());
    }

    @Test
    void thePaymentProviderStartsFirstWithItsOwnDatabaseBecauseTheOrderServiceChargesThroughIt() {
        assertThat(SystemService.values()[0]).isEqualTo(SystemService.PAYMENT_PROVIDER);
        assertThat(SystemService.PAYMENT_PROVIDER.ownsDatabase()).isTrue();
        assertThat(SystemService.PAYMENT_PROVIDER.database()).isNotEqualTo(SystemService.ORDER.database());
    }

    @Test
    void databasesAreListedOnceEach() {
        assertThat(SystemService.databases()).startsWith("payments", "orders", "email", "inventory", "analytics")
                .doesNotHaveDuplicates();
    }

    @Test
    void aServiceIsFoundByItsName() {
        assertThat(SystemService.named("outbox-relay")).isEqualTo(SystemService.RELAY);
        assertThatThrownBy(() -> SystemService.named("orders")).hasMessageContaining("order-service");
    }
}
