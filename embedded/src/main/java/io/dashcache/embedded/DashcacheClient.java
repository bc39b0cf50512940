package io.dashcache.embedded;

import io.dashcache.adapters.redis.RedisConnector;
import io.dashcache.adapters.redis.RedisInvalidationBroadcast;
import io.dashcache.adapters.redis.RedisNamedCacheBroadcast;
import io.dashcache.application.port.in.ApplyEngineEvent;
import io.dashcache.application.port.in.DashboardRead;
import io.dashcache.application.port.in.GetDashboardParts;
import io.dashcache.application.port.in.GetDashboardParts.PartRead;
import io.dashcache.application.port.out.NamedValueStore;
import io.dashcache.application.service.CacheInvalidator;
import io.dashcache.application.service.EngineEventApplier;
import io.dashcache.application.service.TieredDashboardReader;
import io.dashcache.domain.CacheKey;
import io.dashcache.domain.EngineEvent;
import io.dashcache.domain.InvalidationRule;
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
 * dashcache's two tiers inside your own JVM: a Caffeine L1 bounded by bytes, Redis as the L2 every
 * instance shares, and the same guarantees as the service (one load per key at a time, in this
 * instance and, through a lease, across instances; versioned invalidation broadcast to every
 * instance's L1; a load overtaken by an invalidation never stores its value).
 *
 * <pre>{@code
 * try (DashcacheClient cache = DashcacheClient.builder()
 *         .redis("redis://127.0.0.1:6379")
 *         .keyPrefix("svc")
 *         .l1MaxBytes(64 << 20)
 *         .ttl(DataType.OVERVIEW, Duration.ofMinutes(5))
 *         .loader(key -> engine.fetchJson(key))        // null: no such data
 *         .build()) {
 *     DashboardRead read = cache.get(CacheKey.forUser(DataType.OVERVIEW, UserId.of("42")));
 *     CompletableFuture<DashboardRead> later = cache.getAsync(key);
 *     Map<CacheKey, DashboardRead> dashboard = cache.getAll(keys);   // one Redis round trip per slot
 *     cache.invalidateUser(UserId.of("42"));                         // on every instance
 *     NamedCache orders = cache.namedCache("orders");                // string keys, byte values
 *     byte[] order = orders.get("order-17", () -> loadOrder(17));
 * }
 * }</pre>
 *
 * <p>Without {@code redis(..)} (or with {@code redis("none")}) the client is L1-only: no shared
 * tier, no cross-instance invalidation. A Redis that is down at start is not an error: reads go
 * L1 then the loader until it answers. Thread-safe; {@link #close()} stops the subscribers and
 * the pools this client made (not an executor passed in).
 */
public final class DashcacheClient implements AutoCloseable {

    private final TieredDashboardReader reader;
    private final CacheInvalidator invalidator;
    private final EngineEventApplier events;
    private final GetDashboardParts batch;
    private final Executor asyncExecutor;
    private final NamedValueStore namedStore;
    private final Optional<RedisNamedCacheBroadcast> namedBroadcast;
    private final NamedCacheSettings namedSettings;
    private final ConcurrentMap<String, NamedCache> namedCaches = new ConcurrentHashMap<>();
    private final Optional<RedisConnector> connector;
    private final Optional<RedisInvalidationBroadcast> subscriber;
    private final List<ExecutorService> ownedPools;
    private volatile boolean closed;

    DashcacheClient(Parts parts) {
        this.reader = parts.reader();
        this.invalidator = parts.invalidator();
        this.events = parts.events();
        this.batch = parts.batch();
        this.asyncExecutor = parts.asyncExecutor();
        this.namedStore = parts.namedStore();
        this.namedBroadcast = parts.namedBroadcast();
        this.namedSettings = parts.namedSettings();
        this.connector = parts.connector();
        this.subscriber = parts.subscriber();
        this.ownedPools = parts.ownedPools();
        namedBroadcast.ifPresent(broadcast -> broadcast.start(new NamedCacheListener()));
    }

    /** Everything a built client is made of (the builder assembles it). */
    record Parts(TieredDashboardReader reader, CacheInvalidator invalidator, EngineEventApplier events,
                 GetDashboardParts batch, Executor asyncExecutor, NamedValueStore namedStore,
                 Optional<RedisNamedCacheBroadcast> namedBroadcast, NamedCacheSettings namedSettings,
                 Optional<RedisConnector> connector, Optional<RedisInvalidationBroadcast> subscriber,
                 List<ExecutorService> ownedPools) {
    }

    public static DashcacheClientBuilder builder() {
        return new DashcacheClientBuilder();
    }

    /**
     * Reads one key through L1, L2 and the loader.
     *
     * @throws io.dashcache.application.port.out.SourceUnavailableException when no tier has it and the loader fails
     */
    public DashboardRead get(CacheKey key) {
        ensureOpen();
        return reader.read(Objects.requireNonNull(key, "key"));
    }

    /** {@link #get} on the client's bounded executor (or the one given to the builder). */
    public CompletableFuture<DashboardRead> getAsync(CacheKey key) {
        ensureOpen();
        Objects.requireNonNull(key, "key");
        return CompletableFuture.supplyAsync(() -> reader.read(key), asyncExecutor);
    }

    /**
     * Reads many keys at once: L1 answers what it can, L2 the rest in one round trip per hash slot,
     * and only the true misses go to the loader, in parallel (bounded). The map keeps the keys' order.
     *
     * @throws io.dashcache.application.port.out.SourceUnavailableException the first part's failure
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
        ensureOpen();
        return batch.readAll(List.copyOf(keys));
    }

    /** Makes these scopes stale on every instance (bumps their versions, drops L1s, broadcasts). */
    public void invalidate(Scope... scopes) {
        ensureOpen();
        invalidator.invalidateScopes(new LinkedHashSet<>(List.of(scopes)), "embedded");
    }

    /** Everything one user's dashboard holds, stale on every instance. */
    public void invalidateUser(UserId user) {
        ensureOpen();
        invalidator.invalidateScopes(InvalidationRule.allOfUser(Objects.requireNonNull(user, "user")), "embedded");
    }

    /** Applies an engine event exactly like the service does (idempotent by event id). */
    public ApplyEngineEvent.Outcome apply(EngineEvent event) {
        ensureOpen();
        return events.apply(event);
    }

    /**
     * A cache of the application's own: string keys, byte values, the same two tiers, versions and
     * broadcast. One instance per name, made on first use.
     *
     * @throws io.dashcache.domain.InvalidInputException when the name is not 1 to 64 of {@code [A-Za-z0-9._@-]}
     */
    public NamedCache namedCache(String name) {
        ensureOpen();
        io.dashcache.domain.KeyFormat.requireCacheName(name);
        return namedCaches.computeIfAbsent(name, n -> new NamedCache(n, namedStore, namedBroadcast, namedSettings));
    }

    /** Whether the invalidation subscribers hold their subscriptions (always true when L1-only). */
    public boolean isSubscribed() {
        return subscriber.map(RedisInvalidationBroadcast::isSubscribed).orElse(true)
                && namedBroadcast.map(RedisNamedCacheBroadcast::isSubscribed).orElse(true);
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        subscriber.ifPresent(RedisInvalidationBroadcast::close);
        namedBroadcast.ifPresent(RedisNamedCacheBroadcast::close);
        ownedPools.forEach(ExecutorService::shutdownNow);
        connector.ifPresent(RedisConnector::close);
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("this DashcacheClient is closed");
        }
    }

    /** Other instances' evictions and clears, applied to this one's named caches. */
    private final class NamedCacheListener implements RedisNamedCacheBroadcast.Listener {

        @Override
        public void onEvicted(String cacheName, String key) {
            NamedCache cache = namedCaches.get(cacheName);
            if (cache != null) {
                cache.dropLocal(key);
            }
        }

        @Override
        public void onCleared(String cacheName) {
            NamedCache cache = namedCaches.get(cacheName);
            if (cache != null) {
                cache.dropLocalAll();
            }
        }

        @Override
        public void onMissedMessages() {
            namedCaches.values().forEach(NamedCache::dropLocalAll);
        }
    }
}
