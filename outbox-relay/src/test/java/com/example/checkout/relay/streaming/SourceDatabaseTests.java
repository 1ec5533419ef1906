package com.example.checkout.relay.streaming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;

class SourceDatabaseTests {

    @Test
    void hostPortAndDatabaseComeFromTheJdbcUrl() {
        // when
        SourceDatabase database = SourceDatabase.from(
                connection("jdbc:postgresql://postgres.internal:6543/orders?sslmode=require"));

        // then
        assertThat(database).isEqualTo(new SourceDatabase("postgres.internal", 6543, "orders", "relay", "secret"));
        assertThat(database.jdbcUrl()).isEqualTo("jdbc:postgresql://postgres.internal:6543/orders");
        assertThat(database.toString()).doesNotContain("secret");
    }

    @Test
    void thePortDefaultsToPostgresPort() {
        assertThat(SourceDatabase.from(connection("jdbc:postgresql://db/orders")).port()).isEqualTo(5432);
    }

    @Test
    void urlsTheReplicationStreamCannotFollowAreRejected() {
        assertThatIllegalArgumentException().isThrownBy(() -> SourceDatabase.from(connection("jdbc:h2:mem:orders")));
        assertThatIllegalArgumentException().isThrownBy(
                () -> SourceDatabase.from(connection("jdbc:postgresql://a:5432,b:5432/orders")));
        assertThatIllegalArgumentException().isThrownBy(
                () -> SourceDatabase.from(connection("jdbc:postgresql://db:5432/")));
    }

    private static JdbcConnectionDetails connection(String url) {
        return new JdbcConnectionDetails() {
            @Override
            public String getUsername() {
                return "relay";
            }

            @Override
            public String getPassword() {
                return "secret";
            }

            @Override
            public String getJdbcUrl() {
                return url;
            }
        };
    }
}
