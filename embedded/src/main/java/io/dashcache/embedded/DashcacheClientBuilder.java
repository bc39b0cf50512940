package io.dashcache.embedded;

import io.dashcache.adapters.metrics.MicrometerCacheMetrics;
import io.dashcache.adapters.redis.CaffeineLocalTier;
import io.dashcache.adapters.redis.RedisBreakerSettings;
import io.dashcache.adapters.redis.RedisSettings;
import io.dashcache.adapters.redis.RedisTopology;
import io.dashcache.adapters.redis.ReplicaAcks;
import io.dashcache.application.concurrency.DaemonThreads;
import io.dashcache.application.engine.InvalidationListener;
import io.dashcache.application.engine.ReadPathSettings;
import io.dashcache.application.port.out.metrics.CacheMetrics;
import io.dashcache.application.port.out.reading.DashboardSource;
import io.dashcache.application.port.out.reading.SourceAnswer;
import io.dashcache.application.reading.TieredDashboardReader;
import io.dashcache.domain.CacheKey;
import io.dashcache.domain.DataType;
import io.dashcache.domain.KeyFormat;
import io.dashcache.domain.TtlPolicy;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Builds a {@link DashcacheClient}. Every setter checks its argument at once and says what is wrong.
 * A dashboard loader is needed only to read dashboard keys; named caches bring their own loaders.
 *
 * <pre>{@code
 * DashcacheClient cache = DashcacheClient.builder()
 *         .redis("redis://127.0.0.1:6379")        // or "none" (the default): L1-only
 *         .keyPrefix("svc")                       // default "dash"
 *         .l1MaxBytes(64 << 20)                   // default 256 MiB
 *         .ttl(DataType.OVERVIEW, Duration.ofMinutes(5))
 *         .loader(key -> engine.fetchJson(key))   // or .source(DashboardSource); not needed for named caches
 *         .build();
 * }</pre>
 */
public final class DashcacheClientBuilder {

    private String redisUrl;
    private String keyPrefix = "dash";
    private boolean clusterHashTags;
    private long l1MaxBytes = 256L << 20;
    private Duration l1Ttl = CaffeineLocalTier.DEFAULT_MAX_L1_TTL;
    private TtlPolicy ttls = TtlPolicy.defaults();
    private DashboardSource source;
    private CacheMetrics metrics = CacheMetrics.NONE;
    private Optional<MeterRegistry> registry = Optional.empty();
    private double refreshAheadBeta = 1.0;
    private Clock clock = Clock.systemUTC();
    private Executor asyncExecutor;
    private int asyncThreads = 4;
    private int loadParallelism = 4;
    private Duration maxWaitForLoad = Duration.ofSeconds(5);
    private Duration redisTimeout = RedisSettings.DEFAULT_SOCKET_TIMEOUT;
    private String instanceId = "embedded-" + UUID.randomUUID().toString().substring(0, 8);
    private NamedCacheOptions namedCacheOptions = NamedCacheOptions.ttl(NamedCacheOptions.DEFAULT_TTL);

    DashcacheClientBuilder() {
    }

    /**
     * The shared tier: {@code redis://[user:password@]host:port[/db]}, a cluster
     * ({@code redis-cluster://host:port,host:port,...}), a Sentinel setup
     * ({@code redis-sentinel://host:port,.../masterName}), {@code rediss...} for TLS, or {@code none}
     * for L1-only (the default).
     */
    public DashcacheClientBuilder redis(String url) {
        Objects.requireNonNull(url, "redis url (use \"none\" for L1-only)");
        if (url.equals("none")) {
            this.redisUrl = null;
            return this;
        }
        try {
            RedisSettings.of(url);
        } catch (IllegalArgumentException e) {
            // the adapter's sentence names the service's variable; here the builder method is the knob
            throw new IllegalArgumentException("redis(url): " + e.getMessage(), e);
        }
        this.redisUrl = url;
        return this;
    }

    /** First segment of every Redis key and channel: 1 to 32 of {@code [A-Za-z0-9._-]}; default {@code dash}. */
    public DashcacheClientBuilder keyPrefix(String prefix) {
        this.keyPrefix = KeyFormat.requirePrefix(prefix);
        return this;
    }

    /**
     * Redis Cluster hash tags in keys (a user's keys in one slot); default off, and always on for a
     * {@code redis-cluster://} URL (a cluster refuses the scripts without them).
     */
    public DashcacheClientBuilder clusterHashTags(boolean on) {
        this.clusterHashTags = on;
        return this;
    }

    /** Memory bound of L1, weighted by payload size; default 256 MiB. */
    public DashcacheClientBuilder l1MaxBytes(long bytes) {
        this.l1MaxBytes = positive("l1MaxBytes", bytes);
        return this;
    }

    /** Longest time an entry stays in L1 (a lost broadcast heals within it); default 30 s. */
    public DashcacheClientBuilder l1Ttl(Duration ttl) {
        this.l1Ttl = atLeast("l1Ttl", ttl, Duration.ofMillis(1));
        return this;
    }

    /** One data type's TTL (1 second to 7 days); the others keep the contract's table. */
    public DashcacheClientBuilder ttl(DataType type, Duration ttl) {
        this.ttls = ttls.withTtl(Objects.requireNonNull(type, "type"), ttl);
        return this;
    }

    /** TTL jitter as a fraction (0 to 0.5); default 0.1. */
    public DashcacheClientBuilder ttlJitter(double fraction) {
        this.ttls = ttls.withJitter(fraction);
        return this;
    }

    /** Who loads a miss. */
    public DashcacheClientBuilder source(DashboardSource source) {
        this.source = Objects.requireNonNull(source, "source");
        return this;
    }

    /** Who loads a miss, as a function of the key to the JSON bytes ({@code null}: no such data, cached briefly). */
    public DashcacheClientBuilder loader(Function<CacheKey, byte[]> loader) {
        Objects.requireNonNull(loader, "loader");
        this.source = key -> {
            byte[] json = loader.apply(key);
            return json == null ? SourceAnswer.notFound() : SourceAnswer.found(json);
        };
        return this;
    }

    /** Where reads, loads and invalidations are recorded (a port of your own); default none. */
    public DashcacheClientBuilder metrics(CacheMetrics metrics) {
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.registry = Optional.empty();
        return this;
    }

    /**
     * Metrics in any Micrometer registry (the application's own): dashcache's series per cache
     * ({@code dashcache.cache.gets{type,outcome}}, latency histograms, loads, refused stale writes, L2
     * calls), the conventional {@code cache.gets{cache,result}}, and L1's statistics. Replaces {@link #metrics}.
     */
    public DashcacheClientBuilder meterRegistry(MeterRegistry registry) {
        this.registry = Optional.of(Objects.requireNonNull(registry, "registry"));
        this.metrics = new MicrometerCacheMetrics(registry);
        return this;
    }

    /** Eagerness of the refresh of hot entries ahead of expiry (XFetch's beta, 0 to 100; 0: off); default 1. */
    public DashcacheClientBuilder refreshAheadBeta(double beta) {
        if (!(beta >= 0 && beta <= 100)) {
            throw new IllegalArgumentException("refreshAheadBeta must be from 0 to 100, got " + beta);
        }
        this.refreshAheadBeta = beta;
        return this;
    }

    public DashcacheClientBuilder clock(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        return this;
    }

    /** Runs {@code getAsync} and the batch loads; the client never shuts it down. Default: a pool of its own. */
    public DashcacheClientBuilder executor(Executor executor) {
        this.asyncExecutor = Objects.requireNonNull(executor, "executor");
        return this;
    }

    /** Threads of the client's own async pool (1 to 256); default 4. Ignored with {@link #executor}. */
    public DashcacheClientBuilder asyncThreads(int threads) {
        this.asyncThreads = between("asyncThreads", threads, 1, 256);
        return this;
    }

    /** How many misses of one batch load at the same time (1 to 64); default 4. */
    public DashcacheClientBuilder loadParallelism(int loads) {
        this.loadParallelism = between("loadParallelism", loads, 1, 64);
        return this;
    }

    /** Longest wait for another request's load of the same key; default 5 s. */
    public DashcacheClientBuilder maxWaitForLoad(Duration wait) {
        this.maxWaitForLoad = atLeast("maxWaitForLoad", wait, Duration.ofMillis(1));
        return this;
    }

    /** Connect and command timeout of Redis; default 500 ms. */
    public DashcacheClientBuilder redisTimeout(Duration timeout) {
        this.redisTimeout = atLeast("redisTimeout", timeout, Duration.ofMillis(1));
        return this;
    }

    /** This instance's name in logs, leases and {@code CLIENT LIST}; default {@code embedded-<random>}. */
    public DashcacheClientBuilder instanceId(String id) {
        Objects.requireNonNull(id, "instanceId");
        if (id.isBlank() || id.length() > 64) {
            throw new IllegalArgumentException("instanceId must be 1 to 64 characters, got '" + id + "'");
        }
        this.instanceId = id;
        return this;
    }

    /** TTL of named caches' entries (1 second to 7 days) when {@code namedCache(name)} gives no options; default 10 minutes. */
    public DashcacheClientBuilder namedCacheTtl(Duration ttl) {
        atLeast("namedCacheTtl", ttl, Duration.ofSeconds(1));
        if (ttl.compareTo(TtlPolicy.MAX_TTL) > 0) {
            throw new IllegalArgumentException("namedCacheTtl must be at most 7 days, got " + ttl);
        }
        this.namedCacheOptions = NamedCacheOptions.ttl(ttl).withJitter(namedCacheOptions.jitter());
        return this;
    }

    /** The options of named caches made by {@code namedCache(name)}. */
    public DashcacheClientBuilder namedCacheOptions(NamedCacheOptions options) {
        this.namedCacheOptions = Objects.requireNonNull(options, "options");
        return this;
    }

    /**
     * Connects (lazily: a Redis that is down is used as soon as it answers), starts the invalidation
     * subscribers and returns the ready client.
     *
     * @throws IllegalStateException when no source was given
     */
    public DashcacheClient build() {
        RedisTopology topology = redisUrl == null ? RedisTopology.STANDALONE : RedisSettings.of(redisUrl).topology();
        KeyFormat keys = new KeyFormat(keyPrefix, clusterHashTags || topology == RedisTopology.CLUSTER);
        CoreSettings settings = new CoreSettings(Optional.ofNullable(redisUrl), redisTimeout, keys,
                ReplicaAcks.defaultFor(topology), RedisBreakerSettings.defaults(), l1MaxBytes, l1Ttl,
                ReadPathSettings.defaults(maxWaitForLoad), refreshAheadBeta, instanceId);
        DashcacheCore core = DashcacheCore.assemble(settings, metrics, registry, InvalidationListener.NONE, clock);
        List<ExecutorService> owned = new ArrayList<>();
        Executor async = asyncExecutor != null ? asyncExecutor : pool("dashcache-async", asyncThreads, owned);
        Executor loads = asyncExecutor != null ? asyncExecutor : pool("dashcache-batch-load", loadParallelism, owned);
        Optional<TieredDashboardReader> dashboard = Optional.ofNullable(source)
                .map(s -> new TieredDashboardReader(core.engine(), s, ttls, loads));
        core.start();
        return new DashcacheClient(core, dashboard, async, namedCacheOptions, List.copyOf(owned));
    }

    /** A fixed pool of daemon threads with a bounded queue; when full, the caller runs the task itself. */
    private static ExecutorService pool(String name, int threads, List<ExecutorService> owned) {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(1024), DaemonThreads.named(name), new ThreadPoolExecutor.CallerRunsPolicy());
        pool.allowCoreThreadTimeOut(true);
        owned.add(pool);
        return pool;
    }

    private static long positive(String name, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive, got " + value);
        }
        return value;
    }

    private static int between(String name, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " must be from " + min + " to " + max + ", got " + value);
        }
        return value;
    }

    private static Duration atLeast(String name, Duration value, Duration min) {
        if (value == null || value.compareTo(min) < 0) {
            throw new IllegalArgumentException(name + " must be at least " + min.toMillis() + " ms, got " + value);
        }
        return value;
    }
}
