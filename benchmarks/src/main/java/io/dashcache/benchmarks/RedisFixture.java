package io.dashcache.benchmarks;

import io.dashcache.adapters.redis.CaffeineLocalTier;
import io.dashcache.adapters.redis.RedisBreakerSettings;
import io.dashcache.adapters.redis.RedisConnector;
import io.dashcache.adapters.redis.ReplicaAcks;
import io.dashcache.application.engine.ReadPathSettings;
import io.dashcache.application.port.out.metrics.CacheMetrics;
import io.dashcache.application.engine.InvalidationListener;
import io.dashcache.application.reading.TieredDashboardReader;
import io.dashcache.embedded.CoreSettings;
import io.dashcache.embedded.DashcacheCore;
import io.dashcache.domain.CacheKey;
import io.dashcache.domain.CacheOutcome;
import io.dashcache.domain.DataType;
import io.dashcache.domain.KeyFormat;
import io.dashcache.domain.TtlPolicy;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * dashcache's read path without metrics: {@link TieredDashboardReader} on the core that
 * {@link DashcacheCore#assemble} builds (Caffeine L1, Redis on loopback behind its circuit breaker, load
 * leases, the one engine), with {@link CacheMetrics#NONE} and no meter registry, and once more with no
 * L1 at all ({@code l1MaxBytes = 0}), so every read is an L2 hit; both on one key prefix, with an
 * in-memory engine. Beside them, on a pool of their own and the same values, the bare Jedis calls
 * and the plain cache-aside.
 */
@State(Scope.Benchmark)
public class RedisFixture {

    RedisConnector redis;
    KeyFormat keys;
    /** The cache-aside's own prefix, so its plain values never meet dashcache's envelopes. */
    KeyFormat asideKeys;
    HotData engine;
    CacheKey[] hot;
    CacheKey hotKey;
    TieredDashboardReader withL1;
    TieredDashboardReader withoutL1;
    private DashcacheCore coreWithL1;
    private DashcacheCore coreWithoutL1;
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
        coreWithL1 = core(256L * 1024 * 1024, "jmh-l1");
        coreWithoutL1 = core(0, "jmh-no-l1");
        withL1 = reader(coreWithL1);
        withoutL1 = reader(coreWithoutL1);
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
        coreWithL1.close();
        coreWithoutL1.close();
        BenchRedis.deleteEverything(redis.client(), keys);
        BenchRedis.deleteEverything(redis.client(), asideKeys);
        redis.close();
    }

    /** The core as the embedded builder assembles it, minus metrics; refresh ahead off, as before. */
    private DashcacheCore core(long l1MaxBytes, String instanceId) {
        CoreSettings settings = new CoreSettings(Optional.of(BenchRedis.url()), Duration.ofSeconds(2), keys,
                ReplicaAcks.none(), RedisBreakerSettings.defaults(), l1MaxBytes, CaffeineLocalTier.DEFAULT_MAX_L1_TTL,
                ReadPathSettings.defaults(Duration.ofSeconds(3)), 0, instanceId);
        DashcacheCore core = DashcacheCore.assemble(settings, CacheMetrics.NONE, Optional.empty(),
                InvalidationListener.NONE, io.dashcache.application.port.out.time.TimeSource.system());
        core.start();
        return core;
    }

    private TieredDashboardReader reader(DashcacheCore core) {
        return new TieredDashboardReader(core.engine(), engine, TtlPolicy.defaults(), Runnable::run);
    }

    static void expect(CacheOutcome actual, CacheOutcome expected) {
        if (actual != expected) {
            throw new IllegalStateException("expected " + expected + " after warming, got " + actual);
        }
    }
}
