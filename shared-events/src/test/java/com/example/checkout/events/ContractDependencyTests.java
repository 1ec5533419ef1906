package com.example.checkout.events;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The contract is a plain library: every service can read it, whatever framework it runs on. */
@AnalyzeClasses(packages = "com.example.checkout.events", importOptions = ImportOption.DoNotIncludeTests.class)
class ContractDependencyTests {

    @ArchTest
    static final ArchRule dependsOnNoFrameworkType = noClasses()
            .should().dependOnClassesThat().resideInAnyPackage(
                    "org.springframework..", "jakarta.persistence..", "org.apache.kafka..", "io.debezium..");
}
