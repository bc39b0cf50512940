package io.dashcache.embedded;

import io.dashcache.application.port.in.invalidation.ApplyEngineEvent;
import io.dashcache.application.port.in.reading.DashboardRead;
import io.dashcache.application.port.in.reading.GetDashboardParts.PartRead;
import io.dashcache.application.reading.TieredDashboardReader;
import io.dashcache.domain.CacheKey;
import io.dashcache.domain.EngineEvent;
import io.dashcache.domain.InvalidationRule;
import io.dashcache.domain.KeyFormat;
import io.dashcache.domain.Scope;
import io.dashcache.domain.UserId;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;

/**
 * dashcache's engine inside your own JVM: a Caffeine L1 bounded by bytes, Redis as the L2 every
 * instance shares, and the same guarantees as the service for every key, dashboard part or named
 * cache entry (one load per key at a time, in this instance and, through a lease, across instances;
 * versioned invalidation broadcast to every instance's L1; a load overtaken by an invalidation never
 * stores its value; stale-while-revalidate, refresh ahead, TTL jitter, metrics).
 *
 * <pre>{@code
 * try (DashcacheClient cache = DashcacheClient.builder()
 *         .redis("redis://127.0.0.1:6379")
 *         .keyPrefix("svc")
 *         .meterRegistry(registry)                         // any Micrometer registry (optional)
 *         .loader(key -> engine.fetchJson(key))            // only for dashboard reads; null: no such data
 *         .build()) {
 *     DashboardRead read = cache.get(CacheKey.forUser(DataType.OVERVIEW, UserId.of("42")));
 *     Map<CacheKey, DashboardRead> dashboard = cache.getAll(keys);   // one Redis round trip per slot
 *     cache.invalidateUser(UserId.of("42"));                         // on every instance
 *     NamedCache orders = cache.namedCache("orders");                // string keys, byte values
 *     byte[] order = orders.get("order-17", () -> loadOrder(17));
 * }
 * }</pre>
 *
 * <p>Without {@code redis(..)} (or with {@code redis("none")}) the client is L1-only: no shared
 * tier, no cross-instance invalidation. A Redis that is down at start is not an error: reads go
 * L1 then the loader until it answers. Thread-safe; {@link #close()} stops the subscriber and
 * the pools this client made (not an executor passed in).
 */
public final class DashcacheClient implements AutoCloseable {

    private final DashcacheCore core;
    private final Optional<TieredDashboardReader> dashboard;
    private final Executor asyncExecutor;
    private final NamedCacheOptions defaultNamedOptions;
    private final ConcurrentMap<String, NamedCache> namedCaches = new ConcurrentHashMap<>();
    private final List<ExecutorService> ownedPools;
    private volatile boolean closed;

    DashcacheClient(DashcacheCore core, Optional<TieredDashboardReader> dashboard, Executor asyncExecutor,
                    NamedCacheOptions defaultNamedOptions, List<ExecutorService> ownedPools) {
        this.core = core;
        this.dashboard = dashboard;
        this.asyncExecutor = asyncExecutor;
        this.defaultNamedOptions = defaultNamedOptions;
        this.ownedPools = ownedPools;
    }

    public static DashcacheClientBuilder builder() {
        return new DashcacheClientBuilder();
    }

    /**
     * Reads one dashboard key through L1, L2 and the loader.
     *
     * @throws io.dashcache.application.port.out.reading.SourceUnavailableException when no tier has it and the loader fails
     * @throws IllegalStateException when the client was built without a dashboard loader
     */
    public DashboardRead get(CacheKey key) {
        return dashboard().read(Objects.requireNonNull(key, "key"));
    }

    /** {@link #get} on the client's bounded executor (or the one given to the builder). */
    public CompletableFuture<DashboardRead> getAsync(CacheKey key) {
        TieredDashboardReader reads = dashboard();
        Objects.requireNonNull(key, "key");
        return CompletableFuture.supplyAsync(() -> reads.read(key), asyncExecutor);
    }

    /**
     * Reads many keys at once: L1 answers what it can, L2 the rest in one round trip per hash slot,
     * and only the true misses go to the loader, in parallel (bounded). The map keeps the keys' order.
     *
     * @throws io.dashcache.application.port.out.reading.SourceUnavailableException the first part's failure
     *         (the others' suppressed) when any part could not be read; {@link #getAllParts} answers the rest anyway
     */
    public Map<CacheKey, DashboardRead> getAll(List<CacheKey> keys) {
        Map<CacheKey, DashboardRead> reads = new LinkedHashMap<>();
        RuntimeException failure = null;
        for (Map.Entry<CacheKey, PartRead> part : getAllParts(keys).entrySet()) {
            if (part.getValue().ok()) {
                reads.put(part.getKey(), part.getValue().read());
            } else if (failure == null) {
                failure = part.getValue().failure();
            } else {
                failure.addSuppressed(part.getValue().failure());
            }
        }
        if (failure != null) {
            throw failure;
        }
        return reads;
    }

    /** {@link #getAll}, with each part's read or failure. */
    public Map<CacheKey, PartRead> getAllParts(List<CacheKey> keys) {
        return dashboard().readAll(List.copyOf(keys));
    }

    /** Makes these scopes stale on every instance (bumps their versions, drops L1s, broadcasts). */
    public void invalidate(Scope... scopes) {
        ensureOpen();
        core.invalidator().invalidateScopes(new LinkedHashSet<>(List.of(scopes)), "embedded");
    }

    /** Everything one user's dashboard holds, stale on every instance. */
    public void invalidateUser(UserId user) {
        ensureOpen();
        core.invalidator().invalidateScopes(InvalidationRule.allOfUser(Objects.requireNonNull(user, "user")),
                "embedded");
    }

    /** Applies an engine event exactly like the service does (idempotent by event id). */
    public ApplyEngineEvent.Outcome apply(EngineEvent event) {
        ensureOpen();
        return core.events().apply(event);
    }

    /**
     * A cache of the application's own, with the builder's default options: string keys, byte values,
     * the same engine. One instance per name, made on first use.
     *
     * @throws io.dashcache.domain.InvalidInputException when the name is not 1 to 64 of {@code [A-Za-z0-9._@-]}
     */
    public NamedCache namedCache(String name) {
        return namedCache(name, defaultNamedOptions);
    }

    /** The options {@link #namedCache(String)} gives a cache (the builder's {@code namedCacheOptions}). */
    public NamedCacheOptions defaultNamedCacheOptions() {
        return defaultNamedOptions;
    }

    /** Redis' state as the service's {@code /health} reports it: the circuit breaker and a ping (UP when L1-only, by choice). */
    public io.dashcache.application.port.messages.DependencyHealth redisHealth() {
        ensureOpen();
        return core.health().check();
    }

    /**
     * A named cache with options of its own; asking again for the same name answers the cache already
     * made, whose options must be these.
     *
     * @throws IllegalArgumentException when the cache exists with other options
     */
    public NamedCache namedCache(String name, NamedCacheOptions options) {
        ensureOpen();
        KeyFormat.requireCacheName(name);
        Objects.requireNonNull(options, "options");
        NamedCache cache = namedCaches.computeIfAbsent(name,
                n -> new NamedCache(n, core.engine(), core.invalidator(), options, asyncExecutor));
        if (!cache.options().equals(options)) {
            throw new IllegalArgumentException("named cache '" + name + "' already exists with other options: "
                    + cache.options());
        }
        return cache;
    }

    /** Whether the invalidation subscriber holds its subscription (always true when L1-only). */
    public boolean isSubscribed() {
        return core.isSubscribed();
    }

    /** The assembled core (for tests and tools: its tiers, breaker and connector). */
    DashcacheCore core() {
        return core;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        core.close();
        ownedPools.forEach(ExecutorService::shutdownNow);
    }

    private TieredDashboardReader dashboard() {
        ensureOpen();
        return dashboard.orElseThrow(() -> new IllegalStateException("this DashcacheClient has no dashboard loader: "
                + "build it with .loader(key -> bytes) or .source(DashboardSource) to read dashboard keys"));
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("this DashcacheClient is closed");
        }
    }
}
