package com.example.checkout.infrastructure;

import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Another process asking whether it could take a lock file: prints {@code free} or {@code held}, the answer
 * {@code TemporaryDataDirectoryTests} asserts ({@code held} while this JVM uses the data).
 */
final class LockProbe {

    private LockProbe() {
    }

    public static void main(String[] args) throws Exception {
        try (FileChannel channel = FileChannel.open(Path.of(args[0]), StandardOpenOption.WRITE);
             FileLock lock = channel.tryLock()) {
            System.out.println(lock == null ? "held" : "free");
        }
    }
}
