package io.dashcache.benchmarks;

import io.dashcache.adapters.redis.CaffeineLocalTier;
import io.dashcache.adapters.redis.RedisConnector;
import io.dashcache.adapters.redis.RedisSharedTier;
import io.dashcache.application.engine.LocalFillGuard;
import io.dashcache.application.inmemory.NoLocalTier;
import io.dashcache.application.port.out.metrics.CacheMetrics;
import io.dashcache.application.port.out.reading.LocalCacheTier;
import io.dashcache.application.reading.TieredDashboardReader;
import io.dashcache.domain.CacheKey;
import io.dashcache.domain.CacheOutcome;
import io.dashcache.domain.DataType;
import io.dashcache.domain.KeyFormat;
import io.dashcache.domain.TtlPolicy;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.random.RandomGenerator;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * dashcache's read path built by hand, as the brief of the benchmark asks: {@link TieredDashboardReader}
 * over Caffeine and Redis on loopback (and once more over no L1 at all, so every read is an L2 hit),
 * with an in-memory engine and no metrics; beside it, on the same connection pool and the same
 * values, the bare Jedis calls and the plain cache-aside.
 */
@State(Scope.Benchmark)
public class RedisFixture {

    /** Randomness for whichever thread draws, as bootstrap wires it. */
    private static final RandomGenerator PER_THREAD_RANDOM = () -> ThreadLocalRandom.current().nextLong();

    RedisConnector redis;
    KeyFormat keys;
    /** The cache-aside's own prefix, so its plain values never meet dashcache's envelopes. */
    KeyFormat asideKeys;
    HotData engine;
    CacheKey[] hot;
    CacheKey hotKey;
    TieredDashboardReader withL1;
    TieredDashboardReader withoutL1;
    JedisCacheAside cacheAside;
    /** The Redis key of the hot key's L2 value, and of its scope's version: what an L2 hit reads. */
    byte[] hotValueKey;
    byte[] hotVersionKey;

    @Setup(Level.Trial)
    public void start() {
        redis = BenchRedis.connect(16);
        keys = KeyFormat.standalone(BenchRedis.uniquePrefix("jmh"));
        engine = new HotData();
        hot = HotData.hotKeys();
        hotKey = hot[42];
        RedisSharedTier shared = new RedisSharedTier(redis.client(), keys);
        withL1 = reader(new CaffeineLocalTier(256L * 1024 * 1024), shared);
        withoutL1 = reader(new NoLocalTier(), shared);
        asideKeys = KeyFormat.standalone(keys.prefix() + "-aside");
        cacheAside = new JedisCacheAside(redis.client(), asideKeys, engine,
                DataType.OVERVIEW.defaultTtl());
        hotValueKey = keys.valueKey(hotKey).getBytes(StandardCharsets.UTF_8);
        hotVersionKey = keys.versionKey(hotKey.scope()).getBytes(StandardCharsets.UTF_8);
        for (CacheKey key : hot) {
            withL1.read(key);
            cacheAside.read(key);
        }
        expect(withL1.read(hotKey).outcome(), CacheOutcome.L1_HIT);
        expect(withoutL1.read(hotKey).outcome(), CacheOutcome.L2_HIT);
        if (redis.client().get(hotValueKey) == null) {
            throw new IllegalStateException("the hot key's value is not in Redis after warming");
        }
    }

    @TearDown(Level.Trial)
    public void stop() {
        BenchRedis.deleteEverything(redis.client(), keys);
        BenchRedis.deleteEverything(redis.client(), asideKeys);
        redis.close();
    }

    private TieredDashboardReader reader(LocalCacheTier local, RedisSharedTier shared) {
        return new TieredDashboardReader(local, shared, engine, TtlPolicy.defaults(), new LocalFillGuard(),
                CacheMetrics.NONE, Clock.systemUTC(), Runnable::run, PER_THREAD_RANDOM, Duration.ofSeconds(3));
    }

    static void expect(CacheOutcome actual, CacheOutcome expected) {
        if (actual != expected) {
            throw new IllegalStateException("expected " + expected + " after warming, got " + actual);
        }
    }
}
