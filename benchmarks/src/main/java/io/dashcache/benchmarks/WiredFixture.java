package io.dashcache.benchmarks;

import io.dashcache.adapters.redis.RedisConnector;
import io.dashcache.application.reading.WarmingDashboardReader;
import io.dashcache.bootstrap.ConfigLoader;
import io.dashcache.bootstrap.Dashcache;
import io.dashcache.domain.CacheKey;
import io.dashcache.domain.CacheOutcome;
import io.dashcache.domain.KeyFormat;
import java.util.HashMap;
import java.util.Map;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The read path exactly as a running instance wires it ({@code Dashcache.start}: Micrometer timers
 * on every read, the warmer's bookkeeping, Redis behind its circuit breaker and timed per call, load
 * leases, the demo engine), once with L1 and once with {@code DASHCACHE_L1_MAX_BYTES=0}. Background
 * warming is off so that it does not run beside the measurement.
 */
@State(Scope.Benchmark)
public class WiredFixture {

    Dashcache withL1;
    Dashcache withoutL1;
    WarmingDashboardReader readerWithL1;
    WarmingDashboardReader readerWithoutL1;
    CacheKey[] hot;
    CacheKey hotKey;
    private final Map<Dashcache, KeyFormat> prefixes = new HashMap<>();

    @Setup(Level.Trial)
    public void start() {
        withL1 = instance(Map.of());
        withoutL1 = instance(Map.of("DASHCACHE_L1_MAX_BYTES", "0"));
        readerWithL1 = withL1.part(WarmingDashboardReader.class);
        readerWithoutL1 = withoutL1.part(WarmingDashboardReader.class);
        hot = HotData.hotKeys();
        hotKey = hot[42];
        for (CacheKey key : hot) {
            readerWithL1.read(key);
            readerWithoutL1.read(key);
        }
        RedisFixture.expect(readerWithL1.read(hotKey).outcome(), CacheOutcome.L1_HIT);
        RedisFixture.expect(readerWithoutL1.read(hotKey).outcome(), CacheOutcome.L2_HIT);
    }

    @TearDown(Level.Trial)
    public void stop() {
        withL1.close();
        withoutL1.close();
        try (RedisConnector redis = BenchRedis.connect(1)) {
            prefixes.values().forEach(keys -> BenchRedis.deleteEverything(redis.client(), keys));
        }
    }

    private Dashcache instance(Map<String, String> overrides) {
        String prefix = BenchRedis.uniquePrefix("wired");
        Map<String, String> environment = new HashMap<>(Map.of(
                "DASHCACHE_HTTP_PORT", "0",
                "DASHCACHE_REDIS_URL", BenchRedis.url(),
                "DASHCACHE_KEY_PREFIX", prefix,
                "DASHCACHE_DEMO_EVENTS_PER_MINUTE", "0",
                "DASHCACHE_WARM_ON_FIRST_READ", "false",
                "DASHCACHE_WARM_INTERVAL_SECONDS", "0"));
        environment.putAll(overrides);
        Dashcache instance = Dashcache.start(ConfigLoader.load(environment));
        prefixes.put(instance, KeyFormat.standalone(prefix));
        return instance;
    }
}
