package io.dashcache.benchmarks;

import io.dashcache.adapters.redis.RedisConnector;
import io.dashcache.bootstrap.ConfigLoader;
import io.dashcache.bootstrap.Dashcache;
import io.dashcache.bootstrap.DashcacheConfig;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * How long an engine event takes to reach every instance: two dashcache instances in this JVM on
 * one Redis and one {@link FakeEngine}. For each of N events: both instances hold a user's overview
 * in L1; the engine's answer changes; the event is added to the stream with XADD; one thread per
 * instance reads the overview in a loop until it shows the new data ({@link PropagationRounds}). The
 * time from the XADD to the later of the two fresh answers is what the report gives, median and p99.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.dashcache.benchmarks.PropagationHarness [events] [pollPauseMicros] [refreshPerSecond]
 * </pre>
 *
 * {@code refreshPerSecond} above 0 turns refresh on invalidation on
 * ({@code DASHCACHE_REFRESH_ON_INVALIDATION_PER_SECOND}): then one instance reloads the overview as soon as
 * the event drops it and the other takes the stored value into L1, before either poller asks.
 *
 * The event travels: XADD, the consumer group (one instance reads it), its version bump and pub/sub
 * broadcast, the other instance's subscriber dropping L1, then on each instance an L2 read that finds
 * the version moved, one engine load under the load lease, and the other instance's wait for it.
 */
public final class PropagationHarness {

    private PropagationHarness() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 300;
        long pollPauseNanos = TimeUnit.MICROSECONDS.toNanos(args.length > 1 ? Long.parseLong(args[1]) : 100);
        String refreshPerSecond = args.length > 2 ? args[2] : "0";
        String prefix = BenchRedis.uniquePrefix("prop");
        try (RedisConnector redis = BenchRedis.connect(2); FakeEngine engine = FakeEngine.start()) {
            System.out.println("machine: " + Machine.describe(redis.client()));
            DashcacheConfig configA = config(prefix, engine, "a", refreshPerSecond);
            try (Dashcache a = Dashcache.start(configA);
                 Dashcache b = Dashcache.start(config(prefix, engine, "b", refreshPerSecond));
                 PropagationRounds rounds = PropagationRounds.open(redis.client(), engine, BenchRedis.keyFormat(prefix),
                         configA.eventsStream(), a, b, pollPauseNanos)) {
                // 20 unmeasured rounds first, for the JIT
                System.out.println("refresh on invalidation: " + refreshPerSecond + " keys/s");
                report(events, pollPauseNanos, rounds.run(20, events, prefix), engine);
                // what a change stream on each instance would have been told, by whether a re-read there hit L1
                System.out.println("change notices (parts of every event, the overview the only one read): a "
                        + changeNotices(a) + ", b " + changeNotices(b));
            }
        } finally {
            try (RedisConnector redis = BenchRedis.connect(1)) {
                BenchRedis.deleteEverything(redis.client(), BenchRedis.keyFormat(prefix));
            }
        }
    }

    /** An instance of the measurement: port 0, the fake engine, no warming on first read. */
    static DashcacheConfig config(String prefix, FakeEngine engine, String name) {
        return config(prefix, engine, name, "0");
    }

    /** @param refreshPerSecond {@code DASHCACHE_REFRESH_ON_INVALIDATION_PER_SECOND} ("0": off) */
    static DashcacheConfig config(String prefix, FakeEngine engine, String name, String refreshPerSecond) {
        Map<String, String> environment = new HashMap<>(Map.of(
                "DASHCACHE_HTTP_PORT", "0",
                "DASHCACHE_REDIS_URL", BenchRedis.url(),
                "DASHCACHE_KEY_PREFIX", prefix,
                "DASHCACHE_ENGINE_URL", engine.url(),
                "DASHCACHE_INSTANCE_ID", prefix + "-" + name,
                "DASHCACHE_WARM_ON_FIRST_READ", "false",
                "DASHCACHE_REFRESH_ON_INVALIDATION_PER_SECOND", refreshPerSecond));
        return ConfigLoader.load(environment);
    }

    /** {@code dashcache_change_notices_total} of the instance, as {@code hit=H miss=M}. */
    private static String changeNotices(Dashcache instance) throws Exception {
        String metrics = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://127.0.0.1:" + instance.port() + "/metrics")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString()).body();
        StringBuilder counts = new StringBuilder();
        metrics.lines().filter(line -> line.startsWith("dashcache_change_notices_total{"))
                .forEach(line -> counts.append(line, line.indexOf('"') + 1, line.lastIndexOf('"')).append('=')
                        .append(line.substring(line.lastIndexOf(' ') + 1)).append(' '));
        return counts.toString().trim();
    }

    private static void report(int events, long pollPauseNanos, PropagationRounds.Result result, FakeEngine engine) {
        System.out.printf(Locale.ROOT, "%d events (detection.created, XADD), two instances, poll pause %d us, "
                + "%d gave up after 5 s; engine calls %d%n", events, pollPauseNanos / 1000, result.gaveUp(),
                engine.calls());
        System.out.printf(Locale.ROOT, "%-28s %s%n", "XADD -> ...", Distribution.HEADER);
        System.out.println(Distribution.of(result.broadcast()).row("invalidation broadcast heard"));
        System.out.println(Distribution.of(result.first()).row("fresh on the first instance"));
        System.out.println(Distribution.of(result.bothFresh()).row("fresh on both instances"));
        System.out.println(Distribution.of(result.each()[0]).row("on instance a"));
        System.out.println(Distribution.of(result.each()[1]).row("on instance b"));
        System.out.println("load average at the end: " + Machine.loadAverage());
    }
}
