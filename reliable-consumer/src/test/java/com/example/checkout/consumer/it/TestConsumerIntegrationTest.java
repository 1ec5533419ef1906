package com.example.checkout.consumer.it;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The test consumer against the JVM's real broker and Postgres. One application context for every test class: a
 * second one would join the same consumer group and take partitions from the first.
 */
@SpringBootTest(classes = TestConsumerApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = TestConsumerApplication.CONFIG)
abstract class TestConsumerIntegrationTest {

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestConsumer.register(registry);
    }
}
