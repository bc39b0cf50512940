package io.dashcache.benchmarks;

import io.dashcache.application.port.in.reading.DashboardRead;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Reads per second on the same hot workload ({@value HotData#HOT_USERS} users' overviews, all
 * cached, each thread walking them in turn) with two threads, one per core: dashcache with L1 (by
 * hand, and as wired), dashcache without L1, the plain Jedis cache-aside and Spring's RedisCache.
 * Redis runs on the same two cores, as it would beside a small instance.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"})
@Threads(2)
public class HotWorkloadThroughput {

    /** Each thread's place in the hot key set; threads start apart. */
    @State(Scope.Thread)
    public static class Cursor {
        private static final AtomicInteger STARTS = new AtomicInteger();
        private int next = STARTS.getAndAdd(HotData.HOT_USERS / 2);

        int next() {
            next = (next + 1) & (HotData.HOT_USERS - 1);
            return next;
        }
    }

    @Benchmark
    public DashboardRead dashcacheL1(RedisFixture redis, Cursor cursor) {
        return redis.withL1.read(redis.hot[cursor.next()]);
    }

    @Benchmark
    public DashboardRead dashcacheL1AsWired(WiredFixture wired, Cursor cursor) {
        return wired.readerWithL1.read(wired.hot[cursor.next()]);
    }

    @Benchmark
    public DashboardRead dashcacheWithoutL1(RedisFixture redis, Cursor cursor) {
        return redis.withoutL1.read(redis.hot[cursor.next()]);
    }

    @Benchmark
    public byte[] cacheAsideJedis(RedisFixture redis, Cursor cursor) {
        return redis.cacheAside.read(redis.hot[cursor.next()]);
    }

    @Benchmark
    public byte[] springRedisCache(SpringFixture spring, Cursor cursor) {
        return spring.read(spring.hot[cursor.next()]);
    }
}
