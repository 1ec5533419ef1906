package com.example.checkout.order;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

class ArchitectureTests {

    private static final JavaClasses ORDER_SERVICE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("com.example.checkout.order");

    private static final String SAGA = "com.example.checkout.order.saga..";

    @Test
    void onlyTheSagaTouchesKafka() {
        // The outbox relay publishes; a request that waited on the broker would fail whenever Kafka does. The saga
        // consumes inventory's outcomes on listener threads of its own.
        noClasses().that().resideOutsideOfPackage(SAGA).should().dependOnClassesThat()
                .resideInAnyPackage("org.apache.kafka..", "org.springframework.kafka..", "com.example.checkout.consumer..")
                .check(ORDER_SERVICE);
    }

    @Test
    void theRequestPathDoesNotDependOnTheSaga() {
        noClasses().that().resideOutsideOfPackage(SAGA).should().dependOnClassesThat().resideInAPackage(SAGA)
                .check(ORDER_SERVICE);
    }

    @Test
    void theOrderServiceUsesNoOtherServicesCode() {
        noClasses().should().dependOnClassesThat()
                .resideInAnyPackage("com.example.checkout.relay..", "com.example.checkout.email..",
                        "com.example.checkout.inventory..", "com.example.checkout.analytics..",
                        "com.example.checkout.infrastructure..")
                .check(ORDER_SERVICE);
    }

    @Test
    void onlyTheCheckoutUseCaseAndTheSagaWriteTheOutbox() {
        noClasses().that().resideOutsideOfPackages("com.example.checkout.order.checkout..",
                        "com.example.checkout.order.outbox..", SAGA)
                .should().dependOnClassesThat().resideInAPackage("com.example.checkout.order.outbox..")
                .check(ORDER_SERVICE);
    }
}
