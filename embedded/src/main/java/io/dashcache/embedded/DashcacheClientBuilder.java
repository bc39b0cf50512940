package io.dashcache.embedded;

import io.dashcache.adapters.redis.CaffeineLocalTier;
import io.dashcache.adapters.redis.CircuitBreakingSharedTier;
import io.dashcache.adapters.redis.RedisAppliedEvents;
import io.dashcache.adapters.redis.RedisBreakerSettings;
import io.dashcache.adapters.redis.RedisConnector;
import io.dashcache.adapters.redis.RedisInvalidationBroadcast;
import io.dashcache.adapters.redis.RedisLoadLeases;
import io.dashcache.adapters.redis.RedisNamedCacheBroadcast;
import io.dashcache.adapters.redis.RedisNamedValues;
import io.dashcache.adapters.redis.RedisSettings;
import io.dashcache.adapters.redis.RedisSharedTier;
import io.dashcache.adapters.redis.RedisTopology;
import io.dashcache.adapters.redis.ReplicaAcks;
import io.dashcache.application.port.out.AppliedEvents;
import io.dashcache.application.port.out.CacheMetrics;
import io.dashcache.application.port.out.DashboardSource;
import io.dashcache.application.port.out.InvalidationBroadcast;
import io.dashcache.application.port.out.LoadLeases;
import io.dashcache.application.port.out.NamedValueStore;
import io.dashcache.application.port.out.SharedCacheTier;
import io.dashcache.application.port.out.SourceAnswer;
import io.dashcache.application.service.BatchDashboardReader;
import io.dashcache.application.service.CacheInvalidator;
import io.dashcache.application.service.EngineEventApplier;
import io.dashcache.application.service.LocalFillGuard;
import io.dashcache.application.service.NoSharedTier;
import io.dashcache.application.service.ReadPathSettings;
import io.dashcache.application.service.RecentAppliedEvents;
import io.dashcache.application.service.TieredDashboardReader;
import io.dashcache.domain.CacheKey;
import io.dashcache.domain.DataType;
import io.dashcache.domain.KeyFormat;
import io.dashcache.domain.TtlPolicy;
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
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.random.RandomGenerator;

/**
 * Builds a {@link DashcacheClient}. Every setter checks its argument at once and says what is wrong;
 * {@link #build()} checks that a source was given.
 *
 * <pre>{@code
 * DashcacheClient cache = DashcacheClient.builder()
 *         .redis("redis://127.0.0.1:6379")        // or "none" (the default): L1-only
 *         .keyPrefix("svc")                       // default "dash"
 *         .l1MaxBytes(64 << 20)                   // default 256 MiB
 *         .ttl(DataType.OVERVIEW, Duration.ofMinutes(5))
 *         .loader(key -> engine.fetchJson(key))   // or .source(DashboardSource)
 *         .build();
 * }</pre>
 */
public final class DashcacheClientBuilder {

    /** Randomness for every thread (TTL jitter), drawn on the drawing thread. */
    private static final RandomGenerator PER_THREAD_RANDOM = () -> ThreadLocalRandom.current().nextLong();

    private String redisUrl;
    private String keyPrefix = "dash";
    private boolean clusterHashTags;
    private long l1MaxBytes = 256L << 20;
    private Duration l1Ttl = CaffeineLocalTier.DEFAULT_MAX_L1_TTL;
    private TtlPolicy ttls = TtlPolicy.defaults();
    private DashboardSource source;
    private CacheMetrics metrics = CacheMetrics.NONE;
    private Clock clock = Clock.systemUTC();
    private Executor asyncExecutor;
    private int asyncThreads = 4;
    private int loadParallelism = 4;
    private Duration maxWaitForLoad = Duration.ofSeconds(5);
    private Duration redisTimeout = RedisSettings.DEFAULT_SOCKET_TIMEOUT;
    private String instanceId = "embedded-" + UUID.randomUUID().toString().substring(0, 8);
    private Duration namedCacheTtl = Duration.ofMinutes(10);
    private long namedCacheL1MaxBytes = 16L << 20;

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

    /** Where reads, loads and invalidations are recorded (e.g. the Micrometer adapter); default none. */
    public DashcacheClientBuilder metrics(CacheMetrics metrics) {
        this.metrics = Objects.requireNonNull(metrics, "metrics");
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

    /** TTL in Redis of named caches' entries (1 second to 7 days); default 10 minutes. */
    public DashcacheClientBuilder namedCacheTtl(Duration ttl) {
        atLeast("namedCacheTtl", ttl, Duration.ofSeconds(1));
        if (ttl.compareTo(TtlPolicy.MAX_TTL) > 0) {
            throw new IllegalArgumentException("namedCacheTtl must be at most 7 days, got " + ttl);
        }
        this.namedCacheTtl = ttl;
        return this;
    }

    /** L1 bound of each named cache, in bytes; default 16 MiB. */
    public DashcacheClientBuilder namedCacheL1MaxBytes(long bytes) {
        this.namedCacheL1MaxBytes = positive("namedCacheL1MaxBytes", bytes);
        return this;
    }

    /**
     * Connects (lazily: a Redis that is down is used as soon as it answers), starts the invalidation
     * subscribers and returns the ready client.
     *
     * @throws IllegalStateException when no source was given
     */
    public DashcacheClient build() {
        if (source == null) {
            throw new IllegalStateException("a DashcacheClient needs a source: call .loader(key -> bytes) "
                    + "or .source(DashboardSource) before build()");
        }
        RedisTopology topology = redisUrl == null ? RedisTopology.STANDALONE : RedisSettings.of(redisUrl).topology();
        KeyFormat keys = new KeyFormat(keyPrefix, clusterHashTags || topology == RedisTopology.CLUSTER);
        List<ExecutorService> owned = new ArrayList<>();
        ExecutorService refresher = pool("dashcache-refresh", 2, owned);
        Executor async = asyncExecutor != null ? asyncExecutor : pool("dashcache-async", asyncThreads, owned);
        Executor loads = asyncExecutor != null ? asyncExecutor : pool("dashcache-batch-load", loadParallelism, owned);
        LocalFillGuard guard = new LocalFillGuard();
        CaffeineLocalTier local = new CaffeineLocalTier(l1MaxBytes, l1Ttl, clock);

        Optional<RedisConnector> connector = Optional.ofNullable(redisUrl).map(url ->
                new RedisConnector(new RedisSettings(url, redisTimeout, redisTimeout,
                        RedisSettings.DEFAULT_MAX_CONNECTIONS)));
        SharedCacheTier tier = connector.<SharedCacheTier>map(redis -> new CircuitBreakingSharedTier(
                new RedisSharedTier(redis.client(), keys, RedisSharedTier.DEFAULT_VERSION_TTL,
                        ReplicaAcks.defaultFor(topology)), redis::ping, RedisBreakerSettings.defaults(),
                redis.maskedUrl())).orElseGet(NoSharedTier::new);
        LoadLeases leases = connector.<LoadLeases>map(redis -> new RedisLoadLeases(redis.client(), keys, instanceId))
                .orElse(LoadLeases.UNSHARED);
        AppliedEvents applied = connector.<AppliedEvents>map(redis -> new RedisAppliedEvents(redis.client(), keys))
                .orElseGet(() -> new RecentAppliedEvents(100_000));
        Optional<RedisInvalidationBroadcast> subscriber = connector.map(redis ->
                new RedisInvalidationBroadcast(redis, keys, instanceId));
        InvalidationBroadcast broadcast = subscriber.<InvalidationBroadcast>map(b -> b).orElse(message -> { });
        NamedValueStore namedStore = connector.<NamedValueStore>map(redis -> new RedisNamedValues(redis.client(), keys))
                .orElse(NamedValueStore.NONE);
        Optional<RedisNamedCacheBroadcast> namedBroadcast = connector.map(redis ->
                new RedisNamedCacheBroadcast(redis, keys, instanceId));

        TieredDashboardReader reader = new TieredDashboardReader(local, tier, leases, source, ttls, guard, metrics,
                clock, refresher, PER_THREAD_RANDOM, ReadPathSettings.defaults(maxWaitForLoad));
        CacheInvalidator invalidator = new CacheInvalidator(local, tier, broadcast, guard, metrics, instanceId);
        subscriber.ifPresent(b -> b.start(invalidator));
        return new DashcacheClient(new DashcacheClient.Parts(reader, invalidator,
                new EngineEventApplier(invalidator, applied), new BatchDashboardReader(reader, loads), async,
                namedStore, namedBroadcast, new NamedCacheSettings(namedCacheTtl, namedCacheL1MaxBytes, l1Ttl),
                connector, subscriber, List.copyOf(owned)));
    }

    /** A fixed pool of daemon threads with a bounded queue; when full, the caller runs the task itself. */
    private static ExecutorService pool(String name, int threads, List<ExecutorService> owned) {
        AtomicInteger count = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(1024), runnable -> {
                    Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                }, new ThreadPoolExecutor.CallerRunsPolicy());
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
