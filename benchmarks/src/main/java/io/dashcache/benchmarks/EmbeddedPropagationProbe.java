package io.dashcache.benchmarks;

import io.dashcache.benchmarks.peers.RedissonLocalCached;
import io.dashcache.domain.CacheKey;
import io.dashcache.domain.DataType;
import io.dashcache.domain.EngineEvent;
import io.dashcache.domain.EventType;
import io.dashcache.domain.UserId;
import io.dashcache.embedded.DashcacheClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * An event applied on one embedded client, seen by another's read, as a new user would try it: two
 * {@link DashcacheClient}s on one Redis and one key prefix, an in-process loader (no HTTP at all). Each
 * round both clients hold a user's overview in L1, the loader's data moves on, A applies a
 * {@code detection.created}, and a thread reads the overview on B until it shows the new data: the time
 * from just before {@code apply} to that read is B's propagation. In the same run, round for round, the
 * same with Redisson's {@code RLocalCachedMap}: two clients of one map, both holding the key locally, a
 * plain {@code fastPut} on A, and B's {@code get} until it returns the new value.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.dashcache.benchmarks.EmbeddedPropagationProbe [rounds] [pollPauseMicros]
 * </pre>
 */
public final class EmbeddedPropagationProbe {

    private static final UserId USER = UserId.of("probe-1");
    private static final CacheKey OVERVIEW = CacheKey.forUser(DataType.OVERVIEW, USER);
    private static final long GIVE_UP_NANOS = TimeUnit.SECONDS.toNanos(5);

    private EmbeddedPropagationProbe() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 300;
        long pollPauseNanos = TimeUnit.MICROSECONDS.toNanos(args.length > 1 ? Long.parseLong(args[1]) : 100);
        String prefix = BenchRedis.uniquePrefix("embprop");
        AtomicLong data = new AtomicLong(1);
        Supplier<byte[]> current = () -> ("{\"v\":" + data.get() + "}").getBytes(StandardCharsets.UTF_8);
        try (var redis = BenchRedis.connect(1)) {
            System.out.println("machine: " + Machine.describe(redis.client()));
        }
        try (DashcacheClient a = client(prefix, "a", current);
             DashcacheClient b = client(prefix, "b", current);
             RedissonLocalCached ra = redisson(prefix);
             RedissonLocalCached rb = redisson(prefix)) {
            awaitSubscribed(a);
            awaitSubscribed(b);
            int warmup = 30;
            long[] dashcache = new long[rounds];
            long[] redisson = new long[rounds];
            int gaveUp = 0;
            for (int round = -warmup; round < rounds; round++) {
                // dashcache: both in L1, the data moves on, the event on A, B reads until it sees it
                a.get(OVERVIEW);
                b.get(OVERVIEW);
                long next = data.incrementAndGet();
                byte[] expected = current.get();
                long started = System.nanoTime();
                a.apply(new EngineEvent("e-" + prefix + "-" + next, EventType.DETECTION_CREATED, USER, List.of(),
                        Instant.now(), null, null));
                long took = pollUntil(() -> b.get(OVERVIEW).entry().payload(), expected, started, pollPauseNanos);
                // Redisson: both hold the key locally, a plain write on A, B reads until it sees it
                ra.get("k");
                rb.get("k");
                byte[] written = ("{\"v\":" + next + "}").getBytes(StandardCharsets.UTF_8);
                long startedR = System.nanoTime();
                ra.put("k", written);
                long tookR = pollUntil(() -> rb.get("k"), written, startedR, pollPauseNanos);
                if (took < 0 || tookR < 0) {
                    gaveUp++;
                } else if (round >= 0) {
                    dashcache[round] = took;
                    redisson[round] = tookR;
                }
            }
            System.out.printf(Locale.ROOT, "%d rounds (+%d unmeasured), poll pause %d us, %d gave up after 5 s%n",
                    rounds, warmup, pollPauseNanos / 1000, gaveUp);
            System.out.printf(Locale.ROOT, "%-28s %s%n", "write on A -> B reads it", Distribution.HEADER);
            System.out.println(Distribution.of(dashcache).row("dashcache event (embedded)"));
            System.out.println(Distribution.of(redisson).row("Redisson RLocalCachedMap"));
            System.out.println("load average at the end: " + Machine.loadAverage());
        } finally {
            try (var redis = BenchRedis.connect(1)) {
                BenchRedis.deleteEverything(redis.client(), BenchRedis.keyFormat(prefix));
            }
        }
    }

    private static DashcacheClient client(String prefix, String name, Supplier<byte[]> current) {
        return DashcacheClient.builder().redis(BenchRedis.url()).keyPrefix(prefix).instanceId(prefix + "-" + name)
                .loader(key -> current.get()).build();
    }

    /** The map is written with one key; each client then holds it locally. */
    private static RedissonLocalCached redisson(String prefix) {
        return RedissonLocalCached.filled(BenchRedis.oneServerUrl(), prefix + ":redisson",
                Map.of("k", "{\"v\":1}".getBytes(StandardCharsets.UTF_8)), Duration.ofMinutes(10));
    }

    private static void awaitSubscribed(DashcacheClient client) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!client.isSubscribed()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("a client did not subscribe to the invalidation channel in 10 s");
            }
            Thread.sleep(10);
        }
    }

    /** Nanoseconds from {@code started} until {@code read} answers {@code expected}; -1 after 5 s. */
    private static long pollUntil(Supplier<byte[]> read, byte[] expected, long started, long pauseNanos) {
        while (true) {
            byte[] seen = read.get();
            long now = System.nanoTime();
            if (Arrays.equals(seen, expected)) {
                return now - started;
            }
            if (now - started > GIVE_UP_NANOS) {
                return -1;
            }
            LockSupport.parkNanos(pauseNanos);
        }
    }
}
