package com.example.checkout.consumer.it;

import javax.sql.DataSource;

import com.example.checkout.consumer.OrderPlacedRecords;
import com.example.checkout.events.OrderPlaced;
import com.example.checkout.events.Topics;
import com.example.checkout.infrastructure.Infrastructure;
import com.example.checkout.infrastructure.PostgresServer;
import com.example.checkout.infrastructure.SharedInfrastructure;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.test.context.DynamicPropertyRegistry;

/** What the library's integration tests share: the infrastructure, the test consumer's database and topics. */
final class TestConsumer {

    static final Infrastructure INFRASTRUCTURE = SharedInfrastructure.get();
    /** A database of its own for this JVM: the analytics one, which no other application here uses. */
    static final String DATABASE = "analytics";
    static final String DLT = Topics.ORDERS + ".reliable-consumer-test.dlt";

    private TestConsumer() {
    }

    static void register(DynamicPropertyRegistry registry) {
        INFRASTRUCTURE.kafka().createTopic(Topics.ORDERS, 3);
        SharedInfrastructure.register(registry, DATABASE);
    }

    static String bootstrap() {
        return INFRASTRUCTURE.kafka().bootstrapServers();
    }

    /** The role the test consumer logs in as. */
    static String role() {
        return (String) INFRASTRUCTURE.springProperties(DATABASE).get("spring.datasource.username");
    }

    /** The test's own superuser connection, which keeps working while the consumer's role is locked out. */
    static JdbcClient superuser() {
        PostgresServer postgres = INFRASTRUCTURE.postgres();
        DataSource dataSource = new DriverManagerDataSource(postgres.jdbcUrl(DATABASE), postgres.username(),
                postgres.password());
        return JdbcClient.create(dataSource);
    }

    static void clearTables(JdbcClient jdbc) {
        jdbc.sql("TRUNCATE dead_letters, dead_letter_replays, processed_events, test_effects").update();
    }


    static OrderPlaced order(String email) {
        return OrderPlacedRecords.orderPlaced(email,
                new OrderPlaced.OrderLine("SKU-001", "Espresso Beans, 1 kg", 1, 1890));
    }
}
