package io.dashcache.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The CPU another process has used, read from outside it ({@code /proc/<pid>/stat}, user + system),
 * so the figure is the kernel's, whatever the process thinks of itself; and the same per thread,
 * grouped by the thread's name with its numbers dropped ({@code dashcache-http-31} and
 * {@code dashcache-http-7} are one group), to say which threads spent it.
 */
final class ProcCpu {

    /** Clock ticks per second of {@code utime}/{@code stime}: USER_HZ, 100 on every Linux this runs on. */
    static final long TICKS_PER_SECOND = 100;

    private ProcCpu() {
    }

    /** user + system CPU of the whole process, exited threads included, in nanoseconds. */
    static long processNanos(long pid) {
        return ticksToNanos(ticks(read(Path.of("/proc", Long.toString(pid), "stat"))));
    }

    /** CPU in nanoseconds by thread group, of the threads alive now (an exited thread's CPU is not here). */
    static Map<String, Long> byThreadGroup(long pid) {
        Map<String, Long> groups = new TreeMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            tasks.forEach(task -> {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    groups.merge(group(name(stat)), ticksToNanos(ticks(stat)), Long::sum);
                } catch (IOException threadEnded) {
                    // the thread ended between the listing and the read: its CPU is in the process total
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the threads of process " + pid, e);
        }
        return groups;
    }

    /** utime + stime of one {@code stat} line; the name in parentheses may hold spaces and parentheses. */
    static long ticks(String stat) {
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
        // after the name: state is field 3 of the line, utime 14 and stime 15
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    static String name(String stat) {
        return stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
    }

    /** A thread's name without the numbers after its dashes and hashes: the pool it belongs to. */
    static String group(String threadName) {
        String group = threadName.replaceAll("(?<=[-#])[0-9]+", "").replaceAll("-{2,}", "-")
                .replaceAll("[-#]+$", "").trim();
        return group.isEmpty() ? threadName : group;
    }

    /** Each group's CPU between two readings, in nanoseconds; a thread group that appeared counts whole. */
    static Map<String, Long> difference(Map<String, Long> before, Map<String, Long> after) {
        Map<String, Long> spent = new TreeMap<>();
        after.forEach((group, nanos) -> spent.put(group, Math.max(0, nanos - before.getOrDefault(group, 0L))));
        return spent;
    }

    private static long ticksToNanos(long ticks) {
        return ticks * (1_000_000_000L / TICKS_PER_SECOND);
    }

    private static String read(Path path) {
        try {
            return Files.readString(path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path + " (has the process ended?)", e);
        }
    }
}
