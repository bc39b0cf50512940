package io.dashcache.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Cleans up after the harnesses when the JVM exits, so that a test that failed before closing
 * one leaves neither servers running nor their temporary directories behind.
 *
 * <pre>{@code
 * Path directory = Reaper.temporaryDirectory("dashcache-cluster-");
 * Reaper.watch(process);     // killed (SIGKILL) at JVM exit unless forgotten first
 * Reaper.forget(process);
 * Reaper.delete(directory);  // at close; otherwise at JVM exit
 * }</pre>
 */
final class Reaper {

    private static final Set<Process> PROCESSES = ConcurrentHashMap.newKeySet();
    private static final Set<Path> DIRECTORIES = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(Reaper::reap, "dashcache-redis-reaper"));
    }

    private Reaper() {
    }

    static void watch(Process process) {
        PROCESSES.add(process);
    }

    static void forget(Process process) {
        PROCESSES.remove(process);
    }

    /** A new temporary directory, deleted at JVM exit unless {@link #delete(Path)} deleted it before. */
    static Path temporaryDirectory(String prefix) {
        try {
            Path directory = Files.createTempDirectory(prefix);
            DIRECTORIES.add(directory);
            return directory;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Deletes a directory and everything in it; its servers must be dead, or they write into it again. */
    static void delete(Path directory) {
        DIRECTORIES.remove(directory);
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("could not delete " + directory, e);
        }
    }

    private static void reap() {
        PROCESSES.forEach(Process::destroyForcibly);
        for (Process process : PROCESSES) {
            try {
                process.waitFor(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        DIRECTORIES.forEach(Reaper::delete);
    }
}
