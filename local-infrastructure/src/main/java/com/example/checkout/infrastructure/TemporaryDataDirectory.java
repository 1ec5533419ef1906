package com.example.checkout.infrastructure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A directory under {@code java.io.tmpdir} for the data of one infrastructure, locked by its owner while in use.
 *
 * <p>The lock is what lets a later start recognize the data of a JVM that was killed (a test timeout, kill -9): the
 * operating system releases a file lock when its process dies, whatever the way, so an unlockable directory is
 * abandoned and its Postgres, a separate process that outlived the JVM, can be stopped.
 */
final class TemporaryDataDirectory {

    private static final Logger log = LoggerFactory.getLogger(TemporaryDataDirectory.class);
    private static final String PREFIX = "checkout-infrastructure-";
    private static final String LOCK_FILE = "owner.lock";

    /**
     * The directories this JVM owns. Their lock files must never be opened again here: on Linux, closing any channel
     * of a file releases every lock this process holds on it (POSIX record locks), which would make a live
     * directory look abandoned to the next process that checks, and it would delete the data under us.
     */
    private static final Set<Path> OWNED = ConcurrentHashMap.newKeySet();

    private final Path path;
    private final FileChannel lockChannel;

    private TemporaryDataDirectory(Path path, FileChannel lockChannel) {
        this.path = path;
        this.lockChannel = lockChannel;
    }

    static TemporaryDataDirectory create() {
        try {
            Path path = Files.createTempDirectory(PREFIX);
            FileChannel channel = FileChannel.open(path.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            channel.lock(); // held until delete() or the death of this process
            OWNED.add(path.toAbsolutePath().normalize());
            return new TemporaryDataDirectory(path, channel);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create a temporary data directory", e);
        }
    }

    Path path() {
        return path;
    }

    /** Releases the lock and deletes the directory; call once everything using it has stopped. */
    void delete() {
        try {
            lockChannel.close();
        } catch (IOException e) {
            log.warn("Could not release {}", path.resolve(LOCK_FILE), e);
        }
        deleteRecursively(path);
        OWNED.remove(path.toAbsolutePath().normalize());
    }

    /** Stops the Postgres of, and deletes, every temporary data directory whose owner is gone. */
    static void deleteAbandoned() {
        Path temporaryDirectory = Path.of(System.getProperty("java.io.tmpdir"));
        try (Stream<Path> candidates = Files.list(temporaryDirectory)) {
            candidates.filter(TemporaryDataDirectory::isAbandoned).forEach(directory -> {
                ZonkyPostgresServer.stopOrphanedServer(directory.resolve("postgres"));
                deleteRecursively(directory);
                log.info("Deleted {}, left behind by a process that is gone", directory);
            });
        } catch (IOException | RuntimeException e) {
            log.warn("Could not clean up data left behind in {}", temporaryDirectory, e);
        }
    }

    private static boolean isAbandoned(Path directory) {
        Path lockFile = directory.resolve(LOCK_FILE);
        if (OWNED.contains(directory.toAbsolutePath().normalize()) || !directory.getFileName().toString().startsWith(PREFIX) || !Files.exists(lockFile)) {
            return false;
        }
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE);
             FileLock lock = channel.tryLock()) {
            return lock != null;
        } catch (OverlappingFileLockException ownedByThisJvm) {
            return false;
        } catch (IOException e) {
            return false;
        }
    }

    private static void deleteRecursively(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            log.warn("Could not delete {}", directory, e);
        }
    }
}
