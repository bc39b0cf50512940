package io.dashcache.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.DoubleSupplier;
import java.util.function.IntFunction;
import java.util.function.LongSupplier;

/**
 * Drives a workload at one server through a fixed number of connections, one thread each, a slice
 * of time at a go (the harness interleaves slices of two servers).
 *
 * <p>{@link #open}: an open model at a fixed rate. Request {@code i} is due at
 * {@code start + i / rate}, whatever happened to the ones before; a thread takes the next due request,
 * waits for its time, sends it and records the latency from the time it was due, so a server that
 * stalls is charged for every request that should have been sent meanwhile (no coordinated omission:
 * the same correction wrk2 makes). {@link #closed}: every thread sends back to back, to find the most
 * the two cores can serve.
 */
final class LoadDriver {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final IntFunction<HttpConnection> connections;
    private final Workload workload;
    private final int threads;
    private final LongSupplier serverCpuNanos;
    private final DoubleSupplier redisCpuSeconds;
    private final Map<String, AtomicLong> failures = new ConcurrentHashMap<>();

    /**
     * @param serverCpuNanos  the CPU the server under load has used so far (its process, read from {@code /proc})
     * @param redisCpuSeconds the CPU the Redis server has used so far
     */
    LoadDriver(IntFunction<HttpConnection> connections, Workload workload, int threads, LongSupplier serverCpuNanos,
               DoubleSupplier redisCpuSeconds) {
        this.connections = connections;
        this.workload = workload;
        this.threads = threads;
        this.serverCpuNanos = serverCpuNanos;
        this.redisCpuSeconds = redisCpuSeconds;
    }

    /**
     * One stretch of the open model.
     *
     * @param log             latencies and outcomes (empty for a warm-up slice)
     * @param trace           every request sent, with the time it was due (for the oracle)
     * @param firstDue        when the slice's first request was due
     * @param clientCpuNanos  CPU the sending threads used
     * @param serverCpuNanos  CPU of the server's process
     * @param redisCpuSeconds CPU of the Redis server
     */
    record Slice(boolean measured, PhaseLog log, List<OnDemandOracle.Sent> trace, long requests, long firstDue,
                 Duration length, long clientCpuNanos, long serverCpuNanos, double redisCpuSeconds) {
    }

    record ClosedResult(long requests, Duration time, Map<String, Long> outcomes) {
    }

    Slice open(double rate, Duration length, boolean measured, long seed) throws InterruptedException {
        double interval = 1e9 / rate;
        long start = System.nanoTime() + 20_000_000L;
        long end = start + length.toNanos();
        AtomicLong sequence = new AtomicLong();
        AtomicLong clientCpu = new AtomicLong();
        List<PhaseLog> logs = new ArrayList<>();
        List<List<OnDemandOracle.Sent>> traces = new ArrayList<>();
        List<Thread> workers = new ArrayList<>();
        for (int w = 0; w < threads; w++) {
            PhaseLog log = new PhaseLog();
            logs.add(log);
            List<OnDemandOracle.Sent> trace = new ArrayList<>();
            traces.add(trace);
            HttpConnection connection = connections.apply(w);
            SplittableRandom random = new SplittableRandom(seed * 1_000_003L + w);
            workers.add(daemon("harness-" + w, () -> {
                long cpuAtStart = THREADS.getCurrentThreadCpuTime();
                while (true) {
                    long due = start + (long) (sequence.getAndIncrement() * interval);
                    if (due >= end) {
                        break;
                    }
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        LockSupport.parkNanos(wait);
                    }
                    Call call = workload.next(random);
                    trace.add(new OnDemandOracle.Sent(due, call));
                    long sent = System.nanoTime();
                    String outcome = send(connection, call);
                    long done = System.nanoTime();
                    if (measured) {
                        log.record(call, outcome, done - due, sent - due);
                    }
                }
                clientCpu.addAndGet(THREADS.getCurrentThreadCpuTime() - cpuAtStart);
                connection.close();
            }));
        }
        sleepUntil(start);
        long cpuBefore = serverCpuNanos.getAsLong();
        double redisBefore = redisCpuSeconds.getAsDouble();
        for (Thread worker : workers) {
            worker.join();
        }
        long cpuAfter = serverCpuNanos.getAsLong();
        double redisAfter = redisCpuSeconds.getAsDouble();
        PhaseLog merged = new PhaseLog();
        logs.forEach(merged::addAll);
        List<OnDemandOracle.Sent> trace = new ArrayList<>();
        traces.forEach(trace::addAll);
        return new Slice(measured, merged, trace, trace.size(), start, length, clientCpu.get(), cpuAfter - cpuBefore,
                redisAfter - redisBefore);
    }

    ClosedResult closed(Duration duration, long seed) throws InterruptedException {
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        List<Map<String, Long>> counts = new ArrayList<>();
        List<Thread> workers = new ArrayList<>();
        for (int w = 0; w < threads; w++) {
            Map<String, Long> mine = new TreeMap<>();
            counts.add(mine);
            HttpConnection connection = connections.apply(w);
            SplittableRandom random = new SplittableRandom(seed * 7_000_003L + w);
            workers.add(daemon("harness-closed-" + w, () -> {
                while (System.nanoTime() < end) {
                    mine.merge(send(connection, workload.next(random)), 1L, Long::sum);
                }
                connection.close();
            }));
        }
        for (Thread worker : workers) {
            worker.join();
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        Map<String, Long> outcomes = new TreeMap<>();
        counts.forEach(mine -> mine.forEach((outcome, count) -> outcomes.merge(outcome, count, Long::sum)));
        return new ClosedResult(outcomes.values().stream().mapToLong(Long::longValue).sum(), took, outcomes);
    }

    /** Why requests failed, with counts: transport errors and HTTP statuses of 400 and above. */
    Map<String, AtomicLong> failures() {
        return failures;
    }

    private String send(HttpConnection connection, Call call) {
        try {
            HttpConnection.Reply reply = connection.send(call);
            if (reply.status() >= 400) {
                failures.computeIfAbsent("HTTP " + reply.status() + " on " + call.label(), any -> new AtomicLong())
                        .incrementAndGet();
            }
            return PhaseLog.outcomeOf(call, reply);
        } catch (IOException | RuntimeException e) {
            failures.computeIfAbsent(e.getClass().getSimpleName() + ": " + e.getMessage(), any -> new AtomicLong())
                    .incrementAndGet();
            connection.close();
            return PhaseLog.ERROR;
        }
    }

    private static Thread daemon(String name, Runnable work) {
        Thread thread = new Thread(work, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private static void sleepUntil(long nanoTime) throws InterruptedException {
        long wait;
        while ((wait = nanoTime - System.nanoTime()) > 0) {
            Thread.sleep(Math.max(1, wait / 1_000_000));
        }
    }
}
