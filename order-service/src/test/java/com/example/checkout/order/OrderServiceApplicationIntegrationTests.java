package com.example.checkout.order;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

class OrderServiceApplicationIntegrationTests extends OrderServiceIntegrationTest {

    @Autowired
    Flyway flyway;

    @Test
    void startsAgainstPostgresWithEveryMigrationApplied() {
        // given the service started against the shared Postgres (by the base class)

        // when we ask Flyway's history
        var versions = database.sql("SELECT version FROM flyway_schema_history WHERE success ORDER BY installed_rank")
                .query(String.class).list();

        // then every migration ran: the service's own and reliable-consumer's (0.x, for the saga's consumer)
        assertThat(flyway.info().pending()).isEmpty();
        assertThat(versions).contains("0.1", "0.2", "1", "2", "3", "4", "5", "12", "13");
        assertThat(database.sql("SELECT count(*) FROM products").query(Long.class).single()).isEqualTo(20);
    }

    @Test
    void createsTheRelaysSlotAndPublicationBeforeTheFirstOrder() {
        // given the migrated database

        // when we look for the relay's replication slot and publication
        var slotPlugin = database.sql("SELECT plugin FROM pg_replication_slots WHERE slot_name = 'outbox_relay'")
                .query(String.class).optional();
        var publishedTables = database.sql("""
                        SELECT tablename FROM pg_publication_tables WHERE pubname = 'outbox_publication'
                        ORDER BY tablename""")
                .query(String.class).list();

        // then both exist, so the relay streams every outbox row ever written
        assertThat(slotPlugin).contains("pgoutput");
        assertThat(publishedTables).containsExactly("outbox", "relay_heartbeat");
    }

    @Test
    void answersItsHealthProbe() {
        // when
        var health = api().get("/actuator/health");

        // then
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"status\":\"UP\"");
    }
}
