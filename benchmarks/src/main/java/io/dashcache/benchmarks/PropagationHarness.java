package io.dashcache.benchmarks;

import io.dashcache.adapters.redis.RedisConnector;
import io.dashcache.bootstrap.ConfigLoader;
import io.dashcache.bootstrap.Dashcache;
import io.dashcache.bootstrap.DashcacheConfig;
import io.dashcache.domain.CacheKey;
import io.dashcache.domain.DataType;
import io.dashcache.domain.KeyFormat;
import io.dashcache.domain.UserId;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import redis.clients.jedis.StreamEntryID;

/**
 * How long an engine event takes to reach every instance: two dashcache instances in this JVM on
 * one Redis and one {@link FakeEngine}. For each of N events: both instances hold a user's overview
 * in L1; the engine's answer changes; the event is added to the stream with XADD; one thread per
 * instance reads the overview in a loop until it shows the new data. The time from the XADD to the
 * later of the two fresh answers is what the report gives, median and p99.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.dashcache.benchmarks.PropagationHarness [events] [pollPauseMicros]
 * </pre>
 *
 * The event travels: XADD, the consumer group (one instance reads it), its version bump and pub/sub
 * broadcast, the other instance's subscriber dropping L1, then on each instance an L2 read that finds
 * the version moved, one engine load under the load lease, and the other instance's wait for it.
 */
public final class PropagationHarness {

    private static final int USERS = 20;
    private static final long GIVE_UP_NANOS = TimeUnit.SECONDS.toNanos(5);

    private PropagationHarness() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 300;
        long pollPauseNanos = TimeUnit.MICROSECONDS.toNanos(args.length > 1 ? Long.parseLong(args[1]) : 100);
        String prefix = BenchRedis.uniquePrefix("prop");
        ExecutorService pollers = Executors.newFixedThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "poller");
            thread.setDaemon(true);
            return thread;
        });
        try (RedisConnector redis = BenchRedis.connect(2); FakeEngine engine = FakeEngine.start()) {
            System.out.println("machine: " + Machine.describe(redis.client()));
            DashcacheConfig configA = config(prefix, engine, "a");
            try (Dashcache a = Dashcache.start(configA); Dashcache b = Dashcache.start(config(prefix, engine, "b"))) {
                RawHttpConnection[] connections = {new RawHttpConnection(a.port(), true),
                        new RawHttpConnection(b.port(), true)};
                long[] bothFresh = new long[events];
                long[][] each = new long[2][events];
                long[] broadcast = new long[events];
                BroadcastListener listener = BroadcastListener.start(BenchRedis.url(),
                        KeyFormat.standalone(prefix).name("invalidations"));
                int gaveUp = 0;
                for (int i = -20; i < events; i++) { // 20 unmeasured rounds first, for the JIT
                    String user = "p" + Math.floorMod(i, USERS);
                    Call read = Call.read(CacheKey.forUser(DataType.OVERVIEW, UserId.of(user)),
                            "/api/dashboard/overview");
                    for (RawHttpConnection connection : connections) {
                        untilL1Hit(connection, read, engine.version(user));
                    }
                    long version = engine.bump(user);
                    listener.reset();
                    long start = System.nanoTime();
                    List<Future<Long>> fresh = new ArrayList<>();
                    for (RawHttpConnection connection : connections) {
                        fresh.add(pollers.submit(() -> untilVersion(connection, read, version, start, pollPauseNanos)));
                    }
                    redis.client().xadd(configA.eventsStream(), StreamEntryID.NEW_ENTRY, Map.of("event",
                            "{\"eventId\":\"" + prefix + "-" + i + "\",\"type\":\"detection.created\",\"userId\":\""
                                    + user + "\",\"occurredAt\":\"2026-11-25T10:00:00Z\"}"));
                    long latest = 0;
                    for (int instance = 0; instance < 2; instance++) {
                        long at = fresh.get(instance).get();
                        if (i >= 0) {
                            each[instance][i] = at < 0 ? GIVE_UP_NANOS : at - start;
                        }
                        latest = at < 0 ? -1 : latest < 0 ? -1 : Math.max(latest, at - start);
                    }
                    if (i >= 0) {
                        gaveUp += latest < 0 ? 1 : 0;
                        bothFresh[i] = latest < 0 ? GIVE_UP_NANOS : latest;
                        long heard = listener.firstMessageAt();
                        broadcast[i] = heard < 0 ? GIVE_UP_NANOS : heard - start;
                    }
                }
                listener.close();
                report(events, pollPauseNanos, bothFresh, each, broadcast, gaveUp, engine);
            }
        } finally {
            pollers.shutdownNow();
            try (RedisConnector redis = BenchRedis.connect(1)) {
                BenchRedis.deleteEverything(redis.client(), KeyFormat.standalone(prefix));
            }
        }
    }

    private static DashcacheConfig config(String prefix, FakeEngine engine, String name) {
        Map<String, String> environment = new HashMap<>(Map.of(
                "DASHCACHE_HTTP_PORT", "0",
                "DASHCACHE_REDIS_URL", BenchRedis.url(),
                "DASHCACHE_KEY_PREFIX", prefix,
                "DASHCACHE_ENGINE_URL", engine.url(),
                "DASHCACHE_INSTANCE_ID", prefix + "-" + name,
                "DASHCACHE_WARM_ON_FIRST_READ", "false"));
        return ConfigLoader.load(environment);
    }

    /** Reads until the instance answers from L1 with the current version (bounded). */
    private static void untilL1Hit(RawHttpConnection connection, Call read, long version) throws IOException {
        String expected = "\"version\":" + version + "}";
        for (int attempt = 0; attempt < 1000; attempt++) {
            HttpConnection.Reply reply = connection.send(read);
            if ("L1_HIT".equals(reply.xCache()) && new String(reply.body(), StandardCharsets.UTF_8).endsWith(expected)) {
                return;
            }
            LockSupport.parkNanos(1_000_000);
        }
        throw new IllegalStateException("no L1 hit with version " + version + " after 1000 reads of " + read.path());
    }

    /** Reads until the answer shows {@code version}; the moment it did, or -1 after 5 s. */
    private static long untilVersion(RawHttpConnection connection, Call read, long version, long start,
                                     long pauseNanos) throws IOException {
        String expected = "\"version\":" + version + "}";
        while (System.nanoTime() - start < GIVE_UP_NANOS) {
            HttpConnection.Reply reply = connection.send(read);
            long at = System.nanoTime();
            if (reply.status() == 200 && new String(reply.body(), StandardCharsets.UTF_8).endsWith(expected)) {
                return at;
            }
            if (pauseNanos > 0) {
                LockSupport.parkNanos(pauseNanos);
            }
        }
        return -1;
    }

    private static void report(int events, long pollPauseNanos, long[] bothFresh, long[][] each, long[] broadcast,
                               int gaveUp, FakeEngine engine) {
        System.out.printf(Locale.ROOT, "%d events (detection.created, XADD), two instances, poll pause %d us, "
                + "%d gave up after 5 s; engine calls %d%n", events, pollPauseNanos / 1000, gaveUp, engine.calls());
        System.out.printf(Locale.ROOT, "%-28s %8s %8s %8s %8s %8s%n", "XADD -> ...", "p50 ms", "p90 ms",
                "p99 ms", "max ms", "min ms");
        long[] first = new long[events];
        for (int i = 0; i < events; i++) {
            first[i] = Math.min(each[0][i], each[1][i]);
        }
        line("invalidation broadcast heard", broadcast);
        line("fresh on the first instance", first);
        line("fresh on both instances", bothFresh);
        line("on instance a", each[0]);
        line("on instance b", each[1]);
        System.out.println("load average at the end: " + Machine.loadAverage());
    }

    private static void line(String label, long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        System.out.printf(Locale.ROOT, "%-28s %8.3f %8.3f %8.3f %8.3f %8.3f%n", label,
                HarnessReport.percentileMs(sorted, 0.50), HarnessReport.percentileMs(sorted, 0.90),
                HarnessReport.percentileMs(sorted, 0.99), sorted[sorted.length - 1] / 1e6, sorted[0] / 1e6);
    }
}
