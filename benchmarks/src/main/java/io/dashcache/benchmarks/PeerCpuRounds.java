package io.dashcache.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.function.IntFunction;

/**
 * Issue 14's comparison ({@link PeerComparison}'s caches, workload and wiring) measured as reads per
 * second of CPU, each cache in its own JVM, the caches taking turns round after round. On a machine whose
 * two cores other processes share, wall-clock throughput measures the neighbours as much as the cache (a
 * reading thread that waits for a core reads nothing); CPU time counts only while the process runs, so
 * reads per CPU second is what the cache costs. The CPU is the whole JVM's over the measured seconds,
 * shared out over the two readers (what a cache does on other threads, such as Caffeine's maintenance on
 * the common pool, counts too); the readers' own CPU and the wall-clock rate are printed beside it. The
 * rounds' ratios to bare Caffeine and to JetCache are taken between runs seconds apart.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.dashcache.benchmarks.PeerCpuRounds [rounds] [seconds]
 * </pre>
 *
 * Each run: the cache filled, 2 threads reading for {@code seconds} to warm up, then {@code seconds}
 * measured. Prints per cache the median reads per CPU second and reads per wall second over the rounds,
 * and the median of the rounds' ratios.
 */
public final class PeerCpuRounds {

    private static final List<String> CACHES = List.of("caffeine", "jetcache", "redisson", "dashcacheDashboard",
            "dashcacheNamed");
    private static final String RESULT = "RESULT ";
    private static final int THREADS = 2;

    private PeerCpuRounds() {
    }

    /** One measured run: reads, the reading threads' CPU time, and the wall time they read for. */
    record Run(long reads, long cpuNanos, long wallNanos, long readerCpuNanos) {

        double perCpuSecond() {
            return reads * 1e9 / cpuNanos;
        }

        double perWallSecond() {
            return reads * 1e9 / wallNanos;
        }
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].startsWith("--one=")) {
            Run run = measure(args[0].substring("--one=".length()), Integer.parseInt(args[1]));
            System.out.println(RESULT + run.reads() + " " + run.cpuNanos() + " " + run.wallNanos() + " "
                    + run.readerCpuNanos());
            return;
        }
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        String loadBefore = Machine.loadAverage();
        Map<String, List<Run>> runs = new LinkedHashMap<>();
        Map<String, List<Double>> ofCaffeine = new LinkedHashMap<>();
        Map<String, List<Double>> ofJetcache = new LinkedHashMap<>();
        Map<String, List<Double>> ofCaffeineWall = new LinkedHashMap<>();
        for (int round = 0; round < rounds; round++) {
            Map<String, Run> thisRound = new LinkedHashMap<>();
            for (int turn = 0; turn < CACHES.size(); turn++) {
                String cache = CACHES.get((turn + round) % CACHES.size());
                Run run = inItsOwnJvm(cache, seconds);
                thisRound.put(cache, run);
                System.out.printf(Locale.ROOT, "round %d %-20s %,14.0f reads/cpu-s %,14.0f reads/s %,14.0f reads/reader-cpu-s%n",
                        round + 1, cache, run.perCpuSecond(), run.perWallSecond(), run.reads() * 1e9 / run.readerCpuNanos());
            }
            thisRound.forEach((cache, run) -> {
                runs.computeIfAbsent(cache, c -> new ArrayList<>()).add(run);
                ofCaffeine.computeIfAbsent(cache, c -> new ArrayList<>())
                        .add(run.perCpuSecond() / thisRound.get("caffeine").perCpuSecond());
                ofJetcache.computeIfAbsent(cache, c -> new ArrayList<>())
                        .add(run.perCpuSecond() / thisRound.get("jetcache").perCpuSecond());
                ofCaffeineWall.computeIfAbsent(cache, c -> new ArrayList<>())
                        .add(run.perWallSecond() / thisRound.get("caffeine").perWallSecond());
            });
        }
        System.out.printf(Locale.ROOT, "%npeer comparison (issue 14) by CPU time: %d rounds, %d s warm-up + %d s "
                        + "measured per run, each cache in its own JVM, %d keys, %d-byte values, Zipf s=%.1f, all hits, "
                        + "%d threads%n", rounds, seconds, seconds, PeerWorkload.KEYS, PeerWorkload.VALUE_BYTES,
                PeerWorkload.ZIPF_S, THREADS);
        System.out.println("machine: " + Machine.cpuModel() + ", " + Runtime.getRuntime().availableProcessors()
                + " cores, Java " + System.getProperty("java.vm.version") + "; load average before " + loadBefore
                + ", after " + Machine.loadAverage());
        System.out.printf(Locale.ROOT, "%-22s %18s %16s %12s %12s %18s%n", "reads through", "reads/cpu-s (med)",
                "reads/s (med)", "x Caffeine", "x JetCache", "x Caffeine (wall)");
        runs.forEach((cache, list) -> System.out.printf(Locale.ROOT, "%-22s %,18.0f %,16.0f %12.2f %12.2f %18.2f%n", cache,
                median(list.stream().mapToDouble(Run::perCpuSecond).toArray()),
                median(list.stream().mapToDouble(Run::perWallSecond).toArray()),
                median(ofCaffeine.get(cache).stream().mapToDouble(Double::doubleValue).toArray()),
                median(ofJetcache.get(cache).stream().mapToDouble(Double::doubleValue).toArray()),
                median(ofCaffeineWall.get(cache).stream().mapToDouble(Double::doubleValue).toArray())));
        System.out.println("(ratios: the median over the rounds of reads per CPU second of the whole JVM against the "
                + "same round's bare Caffeine and JetCache, and of reads per wall-clock second against Caffeine; "
                + "dashcache rows with metrics on, a Prometheus registry)");
    }

    private static Run inItsOwnJvm(String cache, int seconds) throws Exception {
        Process process = new ProcessBuilder(javaExecutable(), "-Xms2g", "-Xmx2g",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-cp", System.getProperty("java.class.path"),
                PeerCpuRounds.class.getName(), "--one=" + cache, String.valueOf(seconds))
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IllegalStateException(cache + " failed:\n" + output);
        }
        String line = output.lines().filter(l -> l.startsWith(RESULT)).reduce((a, b) -> b)
                .orElseThrow(() -> new IllegalStateException(cache + " printed no result:\n" + output));
        String[] parts = line.substring(RESULT.length()).trim().split(" ");
        return new Run(Long.parseLong(parts[0]), Long.parseLong(parts[1]), Long.parseLong(parts[2]),
                Long.parseLong(parts[3]));
    }

    private static String javaExecutable() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    /** Fills {@code cache} as {@link PeerComparison} does, reads it from two threads, and empties it. */
    static Run measure(String cache, int seconds) throws Exception {
        switch (cache) {
            case "caffeine" -> {
                PeerComparison.Caffeine peer = new PeerComparison.Caffeine();
                return measurePeer(peer, seconds);
            }
            case "jetcache" -> {
                return measurePeer(new PeerComparison.JetCache(), seconds);
            }
            case "redisson" -> {
                return measurePeer(new PeerComparison.Redisson(), seconds);
            }
            case "dashcacheDashboard" -> {
                PeerComparison.DashcacheDashboard dashcache = new PeerComparison.DashcacheDashboard();
                dashcache.metrics = "prometheus";
                dashcache.build();
                try {
                    return read(i -> dashcache.client.get(dashcache.workload.dashboardKeys[i]), seconds);
                } finally {
                    dashcache.close();
                }
            }
            case "dashcacheNamed" -> {
                PeerComparison.DashcacheNamed dashcache = new PeerComparison.DashcacheNamed();
                dashcache.metrics = "prometheus";
                dashcache.build();
                try {
                    return read(i -> dashcache.named.get(dashcache.workload.names[i], () -> dashcache.workload.values[i]),
                            seconds);
                } finally {
                    dashcache.close();
                }
            }
            default -> throw new IllegalArgumentException("caches: " + CACHES + ", got " + cache);
        }
    }

    private static Run measurePeer(PeerComparison.Peer peer, int seconds) throws Exception {
        peer.fill();
        try {
            return read(i -> peer.cache.get(peer.workload.names[i]), seconds);
        } finally {
            peer.empty();
        }
    }

    private static volatile int blackhole;

    /** Two threads read in Zipf order ({@link PeerWorkload#draws}) for a warm-up, then for the measurement. */
    private static Run read(IntFunction<Object> read, int seconds) throws Exception {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        CyclicBarrier barrier = new CyclicBarrier(THREADS);
        long[] reads = new long[THREADS];
        long[] cpu = new long[THREADS];
        long[] wall = new long[THREADS];
        long[] process = new long[2];
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int index = t;
            int[] draws = PeerWorkload.draws(42 + t);
            Thread worker = new Thread(() -> {
                try {
                    int next = 0;
                    for (int phase = 0; phase < 2; phase++) {
                        barrier.await();
                        if (index == 0) {
                            process[0] = process();
                        }
                        long cpuStart = threads.getCurrentThreadCpuTime();
                        long start = System.nanoTime();
                        long end = start + seconds * 1_000_000_000L;
                        long done = 0;
                        while (System.nanoTime() < end) {
                            for (int i = 0; i < 64; i++) {
                                if (read.apply(draws[next]) == null) {
                                    blackhole++;
                                }
                                next = (next + 1) & (PeerWorkload.DRAWS - 1);
                            }
                            done += 64;
                        }
                        reads[index] = done;
                        cpu[index] = threads.getCurrentThreadCpuTime() - cpuStart;
                        wall[index] = System.nanoTime() - start;
                        if (index == 0) {
                            process[1] = process();
                        }
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, "peer-reader-" + t);
            worker.start();
            workers.add(worker);
        }
        for (Thread worker : workers) {
            worker.join();
        }
        long totalReads = 0;
        long totalCpu = 0;
        long maxWall = 0;
        for (int t = 0; t < THREADS; t++) {
            totalReads += reads[t];
            totalCpu += cpu[t];
            maxWall = Math.max(maxWall, wall[t]);
        }
        // the whole process's CPU over the measurement, shared out as if on THREADS cores: what a cache
        // does off the reading threads (Caffeine's maintenance on the common pool, a registry's work) counts too
        return new Run(totalReads, (process[1] - process[0]) / THREADS, maxWall, totalCpu / THREADS);
    }

    /** The CPU time of the whole JVM so far (every thread: readers, Caffeine's maintenance, GC, the JIT). */
    private static long process() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
