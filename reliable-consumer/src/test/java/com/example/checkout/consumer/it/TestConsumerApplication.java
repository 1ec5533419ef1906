package com.example.checkout.consumer.it;

import com.example.checkout.consumer.EnableReliableConsumer;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** A consumer service with nothing but the library and {@link RecordingHandler}: the library's own tests run it. */
@SpringBootApplication
@EnableReliableConsumer
public class TestConsumerApplication {

    /** Its configuration file, reliable-consumer-test.yml. */
    public static final String CONFIG = "spring.config.name=reliable-consumer-test";
}
