package io.dashcache.benchmarks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

/**
 * The ratios that matter, measured so that a busy machine cannot tilt them: the contenders take turns
 * in short slices, many times over, in one JVM on the same fixtures as the JMH benchmarks, so any
 * load from elsewhere falls on all of them alike (JMH runs one benchmark after the other, minutes
 * apart, which on a shared 2-core machine measures the neighbours as much as the code).
 *
 * <ol>
 *   <li>Latency: one read at a time, each timed alone ({@code System.nanoTime} around it, so about
 *       25 ns of timer is in every figure; JMH's numbers are the ones for sub-microsecond work), in
 *       rounds that rotate the order of the contenders.</li>
 *   <li>Throughput: two threads (one per core) read the hot key set for 250 ms slices, contenders in
 *       turn, and the reads per second of each are summed over all its slices.</li>
 * </ol>
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.dashcache.benchmarks.SideBySide [rounds] [throughputCycles]
 * </pre>
 */
public final class SideBySide {

    private static final int BATCH = 200;
    private static final long SLICE_NANOS = 250_000_000L;

    private SideBySide() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 300;
        int cycles = args.length > 1 ? Integer.parseInt(args[1]) : 12;
        RedisFixture redis = new RedisFixture();
        SpringFixture spring = new SpringFixture();
        WiredFixture wired = new WiredFixture();
        redis.start();
        spring.start();
        wired.start();
        try {
            System.out.println("load average at the start: " + Machine.loadAverage());
            latency(redis, spring, wired, rounds);
            throughput(redis, spring, wired, cycles);
            System.out.println("load average at the end: " + Machine.loadAverage());
        } finally {
            wired.stop();
            spring.stop();
            redis.stop();
        }
    }

    private static void latency(RedisFixture redis, SpringFixture spring, WiredFixture wired, int rounds) {
        Map<String, Runnable> reads = new LinkedHashMap<>();
        reads.put("dashcache L1 hit", () -> sink(redis.withL1.read(redis.hotKey)));
        reads.put("dashcache L1 hit, as wired", () -> sink(wired.readerWithL1.read(wired.hotKey)));
        reads.put("dashcache L2 hit", () -> sink(redis.withoutL1.read(redis.hotKey)));
        reads.put("dashcache L2 hit, as wired", () -> sink(wired.readerWithoutL1.read(wired.hotKey)));
        reads.put("bare Jedis GET", () -> sink(redis.redis.client().get(redis.hotValueKey)));
        reads.put("bare Jedis MGET (value+version)",
                () -> sink(redis.redis.client().mget(redis.hotValueKey, redis.hotVersionKey)));
        reads.put("Jedis cache-aside", () -> sink(redis.cacheAside.read(redis.hotKey)));
        reads.put("Spring RedisCache", () -> sink(spring.read(spring.hotKey)));
        List<String> names = new ArrayList<>(reads.keySet());
        Map<String, LongList> samples = new LinkedHashMap<>();
        names.forEach(name -> samples.put(name, new LongList()));
        int warmupRounds = Math.max(20, rounds / 10);
        for (int round = -warmupRounds; round < rounds; round++) {
            for (int turn = 0; turn < names.size(); turn++) {
                String name = names.get(Math.floorMod(turn + round, names.size()));
                Runnable read = reads.get(name);
                LongList times = samples.get(name);
                for (int i = 0; i < BATCH; i++) {
                    long start = System.nanoTime();
                    read.run();
                    long took = System.nanoTime() - start;
                    if (round >= 0) {
                        times.add(took);
                    }
                }
            }
        }
        double getMedian = HarnessReport.percentileMs(samples.get("bare Jedis GET").sorted(), 0.5);
        System.out.printf(Locale.ROOT, "%nlatency of one read, %d rounds x %d reads each, order rotating; "
                + "microseconds%n", rounds, BATCH);
        System.out.printf(Locale.ROOT, "%-34s %9s %9s %9s %9s %14s%n", "read", "p50", "p90", "p99", "p99.9",
                "p50 / GET p50");
        samples.forEach((name, times) -> {
            long[] sorted = times.sorted();
            double p50 = HarnessReport.percentileMs(sorted, 0.5);
            System.out.printf(Locale.ROOT, "%-34s %9.3f %9.3f %9.3f %9.3f %14.2f%n", name, 1000 * p50,
                    1000 * HarnessReport.percentileMs(sorted, 0.9), 1000 * HarnessReport.percentileMs(sorted, 0.99),
                    1000 * HarnessReport.percentileMs(sorted, 0.999), p50 / getMedian);
        });
    }

    private static void throughput(RedisFixture redis, SpringFixture spring, WiredFixture wired, int cycles)
            throws Exception {
        Map<String, IntFunction<Object>> reads = new LinkedHashMap<>();
        reads.put("dashcache with L1", i -> redis.withL1.read(redis.hot[i]));
        reads.put("dashcache with L1, as wired", i -> wired.readerWithL1.read(wired.hot[i]));
        reads.put("dashcache without L1", i -> redis.withoutL1.read(redis.hot[i]));
        reads.put("Jedis cache-aside", i -> redis.cacheAside.read(redis.hot[i]));
        reads.put("Spring RedisCache", i -> spring.read(spring.hot[i]));
        List<String> names = new ArrayList<>(reads.keySet());
        Map<String, AtomicLong> counts = new LinkedHashMap<>();
        names.forEach(name -> counts.put(name, new AtomicLong()));
        int threads = 2;
        CyclicBarrier barrier = new CyclicBarrier(threads);
        int warmupCycles = 2;
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int offset = t * HotData.HOT_USERS / threads;
            Thread worker = new Thread(() -> {
                try {
                    int next = offset;
                    for (int cycle = -warmupCycles; cycle < cycles; cycle++) {
                        for (int turn = 0; turn < names.size(); turn++) {
                            String name = names.get(Math.floorMod(turn + cycle, names.size()));
                            IntFunction<Object> read = reads.get(name);
                            barrier.await();
                            long end = System.nanoTime() + SLICE_NANOS;
                            long done = 0;
                            while (System.nanoTime() < end) {
                                for (int i = 0; i < 16; i++) {
                                    next = (next + 1) & (HotData.HOT_USERS - 1);
                                    sink(read.apply(next));
                                }
                                done += 16;
                            }
                            if (cycle >= 0) {
                                counts.get(name).addAndGet(done);
                            }
                        }
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, "side-by-side-" + t);
            worker.start();
            workers.add(worker);
        }
        for (Thread worker : workers) {
            worker.join();
        }
        double seconds = cycles * SLICE_NANOS / 1e9;
        double aside = counts.get("Jedis cache-aside").get() / seconds;
        System.out.printf(Locale.ROOT, "%nthroughput, %d threads on the %d hot keys, %d slices of 250 ms each, "
                + "contenders in turn; reads per second%n", threads, HotData.HOT_USERS, cycles);
        System.out.printf(Locale.ROOT, "%-34s %14s %20s%n", "reads through", "reads/s", "x Jedis cache-aside");
        counts.forEach((name, count) -> System.out.printf(Locale.ROOT, "%-34s %14.0f %20.2f%n", name,
                count.get() / seconds, count.get() / seconds / aside));
    }

    private static volatile int blackhole;

    /** Keeps a result alive so the JIT cannot drop the read that made it. */
    private static void sink(Object value) {
        if (value == null) {
            blackhole++;
        }
    }
}
