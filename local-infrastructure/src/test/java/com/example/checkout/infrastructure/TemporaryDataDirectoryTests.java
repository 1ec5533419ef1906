package com.example.checkout.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class TemporaryDataDirectoryTests {

    @Test
    void theDataOfAProcessThatIsGoneIsDeletedAndTheDataInUseIsKept() throws IOException {
        // given the data of a killed JVM (its lock released by its death) and the data of a running infrastructure
        Path abandoned = Files.createTempDirectory("checkout-infrastructure-");
        Files.createFile(abandoned.resolve("owner.lock"));
        Files.createDirectories(abandoned.resolve("kafka"));
        TemporaryDataDirectory inUse = TemporaryDataDirectory.create();
        try {
            // when
            TemporaryDataDirectory.deleteAbandoned();

            // then
            assertThat(abandoned).doesNotExist();
            assertThat(inUse.path()).exists();
        } finally {
            inUse.delete();
        }
        assertThat(inUse.path()).doesNotExist();
    }

    @Test
    void directoriesThatAreNotOursAreLeftAlone() throws IOException {
        Path someoneElses = Files.createTempDirectory("checkout-infrastructure-");
        try {
            TemporaryDataDirectory.deleteAbandoned();

            assertThat(someoneElses).exists();
        } finally {
            Files.delete(someoneElses);
        }
    }

    @Test
    void lookingForAbandonedDataNeverReleasesTheLockOfTheDataThisJvmUses() throws Exception {
        // given data this JVM uses
        TemporaryDataDirectory inUse = TemporaryDataDirectory.create();
        try {
            // when this JVM looks for abandoned data (as every temporary start does)
            TemporaryDataDirectory.deleteAbandoned();

            // then another process still finds the data locked, so it will not delete it under us
            Process probe = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), LockProbe.class.getName(),
                    inUse.path().resolve("owner.lock").toString()).redirectErrorStream(true).start();
            assertThat(new String(probe.getInputStream().readAllBytes()).strip()).isEqualTo("held");
        } finally {
            inUse.delete();
        }
    }
}
