package io.dashcache.benchmarks;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

/**
 * What one flight recording of an instance says: where its Java threads were when sampled (by the
 * method on top, by the library the sample was spent in, and by the dashcache methods on the
 * stack), how much they allocated, and its garbage collections.
 *
 * @param samples          execution samples in all
 * @param topMethods       samples by the method on top of the stack, most first
 * @param byLibrary        samples by the first frame from the top that is not the JDK's own, named by
 *                         its library ({@link #library}); samples wholly in the JDK are "JDK"
 * @param dashcacheMethods samples with this dashcache method anywhere on the stack (inclusive)
 * @param allocationSites  sampled allocation weight (bytes) by class allocated and the first frame from the
 *                         top that is not the JDK's own, most first
 * @param allocatedBytes   bytes the threads allocated during the recording (threads that ended
 *                         before it stopped are missing)
 * @param collections      garbage collections
 * @param pauses           their pauses added up
 * @param longestPause     the longest one
 */
record JfrProfile(long samples, Map<String, Long> topMethods, Map<String, Long> byLibrary,
                  Map<String, Long> dashcacheMethods, Map<String, Long> allocationSites, long allocatedBytes, long collections, Duration pauses,
                  Duration longestPause) {

    /** Package prefixes and the library they belong to, the first match counting. */
    private static final List<Map.Entry<String, String>> LIBRARIES = List.of(
            Map.entry("jdk.internal.net.http.", "engine HTTP client (java.net.http)"),
            Map.entry("java.net.http.", "engine HTTP client (java.net.http)"),
            Map.entry("redis.clients.", "Redis client (Jedis)"),
            Map.entry("org.apache.commons.pool2.", "Redis client (Jedis)"),
            Map.entry("com.fasterxml.jackson.", "JSON (Jackson)"),
            Map.entry("io.micrometer.", "metrics (Micrometer)"),
            Map.entry("com.github.benmanes.caffeine.", "L1 (Caffeine)"),
            Map.entry("org.eclipse.jetty.", "HTTP server (Jetty, Javalin)"),
            Map.entry("io.javalin.", "HTTP server (Jetty, Javalin)"),
            Map.entry("jakarta.servlet.", "HTTP server (Jetty, Javalin)"),
            Map.entry("kotlin.", "HTTP server (Jetty, Javalin)"),
            Map.entry("org.slf4j.", "logging"),
            Map.entry("io.dashcache.", "dashcache"));

    static JfrProfile read(Path file) throws IOException {
        Map<String, Long> top = new HashMap<>();
        Map<String, Long> libraries = new HashMap<>();
        Map<String, Long> dashcache = new HashMap<>();
        Map<Long, ThreadAllocation> allocations = new HashMap<>();
        Map<String, Long> sites = new HashMap<>();
        long samples = 0;
        long collections = 0;
        Duration pauses = Duration.ZERO;
        Duration longest = Duration.ZERO;
        try (RecordingFile recording = new RecordingFile(file)) {
            while (recording.hasMoreEvents()) {
                RecordedEvent event = recording.readEvent();
                switch (event.getEventType().getName()) {
                    case "jdk.ExecutionSample" -> {
                        RecordedStackTrace stack = event.getStackTrace();
                        if (stack == null || stack.getFrames().isEmpty()) {
                            continue;
                        }
                        samples++;
                        List<String> frames = stack.getFrames().stream().filter(RecordedFrame::isJavaFrame)
                                .map(JfrProfile::method).toList();
                        top.merge(frames.get(0), 1L, Long::sum);
                        libraries.merge(libraryOf(frames), 1L, Long::sum);
                        Set<String> seen = new HashSet<>();
                        for (String frame : frames) {
                            if (frame.startsWith("io.dashcache.") && seen.add(frame)) {
                                dashcache.merge(frame, 1L, Long::sum);
                            }
                        }
                    }
                    case "jdk.ObjectAllocationSample" -> {
                        RecordedStackTrace stack = event.getStackTrace();
                        List<String> frames = stack == null ? List.of() : stack.getFrames().stream()
                                .filter(RecordedFrame::isJavaFrame).map(JfrProfile::method).toList();
                        String site = frames.stream().filter(frame -> !isJdk(frame)).findFirst().orElse("JDK");
                        sites.merge(event.getClass("objectClass").getName() + " in " + site,
                                event.getLong("weight"), Long::sum);
                    }
                    case "jdk.ThreadAllocationStatistics" -> {
                        RecordedThread thread = event.getThread("thread");
                        if (thread != null) {
                            long allocated = event.getLong("allocated");
                            long at = event.getStartTime().toEpochMilli();
                            allocations.merge(thread.getJavaThreadId(),
                                    new ThreadAllocation(at, allocated, at, allocated), ThreadAllocation::span);
                        }
                    }
                    case "jdk.GarbageCollection" -> {
                        collections++;
                        pauses = pauses.plus(event.getDuration("sumOfPauses"));
                        Duration pause = event.getDuration("longestPause");
                        longest = pause.compareTo(longest) > 0 ? pause : longest;
                    }
                    default -> {
                    }
                }
            }
        }
        return new JfrProfile(samples, sorted(top), sorted(libraries), sorted(dashcache), sorted(sites),
                allocated(allocations.values()), collections, pauses, longest);
    }

    /** A thread's allocation counter at its first and last statistics in the recording. */
    record ThreadAllocation(long firstAtMillis, long first, long lastAtMillis, long last) {

        /** The earlier first and the later last of two (events are not read in time order). */
        ThreadAllocation span(ThreadAllocation other) {
            ThreadAllocation early = other.firstAtMillis < firstAtMillis ? other : this;
            ThreadAllocation late = other.lastAtMillis >= lastAtMillis ? other : this;
            return new ThreadAllocation(early.firstAtMillis, early.first, late.lastAtMillis, late.last);
        }
    }

    /**
     * Bytes allocated between the recording's first statistics (written as it starts) and its last:
     * a thread seen at the start counts the difference, a thread first seen later (it started
     * during the recording) counts all it allocated; one seen only at the start ended meanwhile and
     * its allocation is lost.
     */
    static long allocated(Collection<ThreadAllocation> threads) {
        long start = threads.stream().mapToLong(ThreadAllocation::firstAtMillis).min().orElse(0);
        long total = 0;
        for (ThreadAllocation thread : threads) {
            boolean seenAtStart = thread.firstAtMillis() - start < 1000;
            total += seenAtStart ? thread.last() - thread.first() : thread.last();
        }
        return total;
    }

    /** The library of the first frame, from the top, that is not the JDK's own. */
    static String libraryOf(List<String> frames) {
        for (String frame : frames) {
            for (Map.Entry<String, String> library : LIBRARIES) {
                if (frame.startsWith(library.getKey())) {
                    return library.getValue();
                }
            }
        }
        return "JDK";
    }

    private static boolean isJdk(String frame) {
        return frame.startsWith("java.") || frame.startsWith("jdk.") || frame.startsWith("sun.");
    }

    private static String method(RecordedFrame frame) {
        return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
    }

    private static Map<String, Long> sorted(Map<String, Long> counts) {
        Map<String, Long> out = new LinkedHashMap<>();
        counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()
                        .thenComparing(Map.Entry.comparingByKey()))
                .forEach(entry -> out.put(entry.getKey(), entry.getValue()));
        return out;
    }

    /** The {@code n} largest entries, in order. */
    static Map<String, Long> first(Map<String, Long> counts, int n) {
        Map<String, Long> out = new LinkedHashMap<>();
        counts.entrySet().stream().limit(n).forEach(entry -> out.put(entry.getKey(), entry.getValue()));
        return out;
    }
}
