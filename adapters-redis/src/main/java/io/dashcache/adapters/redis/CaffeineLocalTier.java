package io.dashcache.adapters.redis;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Policy;
import com.github.benmanes.caffeine.cache.RemovalCause;
import io.dashcache.application.port.out.reading.LocalCacheTier;
import io.dashcache.application.port.out.time.TimeSource;
import io.dashcache.domain.CacheEntry;
import io.dashcache.domain.CacheKey;
import io.dashcache.domain.DashboardScope;
import io.dashcache.domain.DataType;
import io.dashcache.domain.EntryKey;
import io.dashcache.domain.NamedEntryScope;
import io.dashcache.domain.NamedKey;
import io.dashcache.domain.Period;
import io.dashcache.domain.Scope;
import io.dashcache.domain.ScopeKind;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;

/**
 * L1 in Caffeine: bounded by bytes (each entry weighs its payload plus an estimate of its key),
 * and each entry lives at most {@code maxL1Ttl}, and is never served past its {@code staleUntil}, so L1
 * never serves what L2 has already dropped and a lost invalidation heals within {@code maxL1Ttl}.
 *
 * <p>Caffeine expires every entry {@code maxL1Ttl} after its write, and a read refuses one whose grace
 * period ended: an expiry per entry ({@code Expiry}) made every L1 hit cost about 1.7 times as much
 * (docs/benchmarks.md, section 7). An entry whose grace ends sooner takes its room until the L1 TTL.
 *
 * <pre>{@code
 * LocalCacheTier l1 = new CaffeineLocalTier(256L << 20);                   // 30 s, system time
 * LocalCacheTier l1 = new CaffeineLocalTier(1 << 20, Duration.ofSeconds(30), fakeTime);
 * }</pre>
 *
 * <p>Invalidating a scope costs the entries it drops: a user's or a global type's scope names its
 * keys outright (one, or one per {@link Period}); a user's widgets are found through a small index
 * of widget keys per scope, kept on put and on removal.
 */
public final class CaffeineLocalTier implements LocalCacheTier {

    public static final Duration DEFAULT_MAX_L1_TTL = Duration.ofSeconds(30);
    /**
     * What an entry costs on the heap besides its payload, ETag and ids (CacheEntry's own 64 are
     * counted by it): the key record and its strings' headers, the Instants, Caffeine's node and
     * timer-wheel links, the widget index. Measured (ScaleHarness, docs/benchmarks.md): an entry
     * takes payload + 489 bytes of heap with G1 and payload + 571 with ZGC; with this the weight is
     * payload + about 580, so {@code DASHCACHE_L1_MAX_BYTES} bounds the real heap under either.
     */
    static final int KEY_OVERHEAD_BYTES = 480;

    private final Cache<EntryKey, CacheEntry> cache;
    private final Policy.Eviction<EntryKey, CacheEntry> eviction;
    private final Clock clock;
    // widget_data keys per (user) scope; a superset of the cached ones, trimmed on removal
    private final ConcurrentHashMap<DashboardScope, Set<CacheKey>> widgetKeys = new ConcurrentHashMap<>();

    /** {@code maxBytes} with the default 30 s TTL and system time. */
    public CaffeineLocalTier(long maxBytes) {
        this(maxBytes, DEFAULT_MAX_L1_TTL, TimeSource.system());
    }

    /**
     * @param time the instance's one time source: its monotonic timer measures the entries' ages (Caffeine's
     *             ticker), its wall clock is what an entry's {@code staleUntil} is compared with, once, on put
     */
    public CaffeineLocalTier(long maxBytes, Duration maxL1Ttl, TimeSource time) {
        this(maxBytes, maxL1Ttl, time, ForkJoinPool.commonPool());
    }

    /** @param executor runs Caffeine's maintenance and removal callbacks ({@code Runnable::run} in tests) */
    CaffeineLocalTier(long maxBytes, Duration maxL1Ttl, TimeSource time, Executor executor) {
        if (maxBytes < 1) {
            throw new IllegalArgumentException("L1 size must be at least 1 byte (DASHCACHE_L1_MAX_BYTES), got "
                    + maxBytes);
        }
        if (maxL1Ttl == null || maxL1Ttl.isNegative() || maxL1Ttl.isZero()) {
            throw new IllegalArgumentException("maxL1Ttl must be positive, got " + maxL1Ttl);
        }
        this.clock = Objects.requireNonNull(time, "time");
        this.cache = Caffeine.newBuilder()
                .maximumWeight(maxBytes)
                .weigher(CaffeineLocalTier::weigh)
                .expireAfterWrite(maxL1Ttl)
                .ticker(time::nanoTime)
                .executor(Objects.requireNonNull(executor, "executor"))
                .removalListener(this::removed)
                .recordStats()
                .build();
        this.eviction = cache.policy().eviction().orElseThrow();
    }

    @Override
    public CacheEntry getIfPresent(EntryKey key) {
        return getIfPresent(key, clock.millis());
    }

    @Override
    public CacheEntry getIfPresent(EntryKey key, long nowMillis) {
        CacheEntry entry = cache.getIfPresent(key);
        return entry == null || nowMillis < entry.staleUntilMillis() ? entry : null;
    }

    @Override
    public void put(EntryKey key, CacheEntry entry) {
        cache.put(key, entry);
        // indexed after the put: a removal callback racing with it either sees the key present and
        // keeps it, or ran before, and then the entry is gone already and is forgotten again here;
        // so the index never misses a cached widget, and never keeps one that left (no growth
        // beyond the cache under eviction pressure)
        if (key instanceof CacheKey widget && widget.type().scopeKind() == ScopeKind.USER_WIDGET) {
            widgetKeys.computeIfAbsent(widget.scope(), scope -> ConcurrentHashMap.newKeySet()).add(widget);
            if (!cache.asMap().containsKey(widget)) {
                forgetWidget(widget);
            }
        }
    }

    @Override
    public void remove(EntryKey key) {
        cache.invalidate(key);
    }

    @Override
    public List<EntryKey> invalidate(Collection<? extends Scope> scopes) {
        List<EntryKey> dropped = new ArrayList<>();
        for (Scope each : scopes) {
            if (each instanceof NamedEntryScope entry) {
                drop(new NamedKey(entry.cache(), entry.key()), dropped);
                continue;
            }
            if (!(each instanceof DashboardScope scope)) {
                // a named cache's clear: rare, and walks the tier rather than index every named key
                cache.asMap().keySet().removeIf(key -> key instanceof NamedKey named
                        && named.cacheName().equals(each.cache()) && dropped.add(key));
                continue;
            }
            switch (scope.type().scopeKind()) {
                case USER -> drop(CacheKey.forUser(scope.type(), scope.user()), dropped);
                case GLOBAL -> drop(CacheKey.global(scope.type()), dropped);
                case PERIOD -> {
                    for (Period period : Period.values()) {
                        drop(CacheKey.forPeriod(scope.type(), period), dropped);
                    }
                }
                case USER_WIDGET -> {
                    Set<CacheKey> widgets = widgetKeys.remove(scope);
                    if (widgets != null) {
                        widgets.forEach(widget -> drop(widget, dropped));
                    }
                }
            }
        }
        return dropped;
    }

    private void drop(EntryKey key, List<EntryKey> dropped) {
        if (cache.asMap().remove(key) != null) {
            dropped.add(key);
        }
    }

    /** Walks the whole tier: an operator action, not the event path. */
    @Override
    public void invalidateType(DataType type) {
        cache.asMap().keySet().removeIf(key -> key instanceof CacheKey part && part.type() == type);
    }

    @Override
    public void clear() {
        cache.invalidateAll();
    }

    @Override
    public long size() {
        return cache.estimatedSize();
    }

    @Override
    public long weightInBytes() {
        return eviction.weightedSize().orElse(0L);
    }

    /** The Caffeine cache itself, for binding its statistics to metrics. */
    public Cache<EntryKey, CacheEntry> nativeCache() {
        return cache;
    }

    /** Runs pending maintenance (evictions, expirations, removal callbacks) now. */
    public void cleanUp() {
        cache.cleanUp();
    }

    /** How many users have widget keys indexed (for tests). */
    int indexedWidgetScopes() {
        return widgetKeys.size();
    }

    static int weigh(EntryKey key, CacheEntry entry) {
        int keyBytes = KEY_OVERHEAD_BYTES;
        if (key instanceof CacheKey part) {
            keyBytes += (part.user() == null ? 0 : part.user().value().length())
                    + (part.widget() == null ? 0 : part.widget().value().length());
        } else {
            NamedKey named = (NamedKey) key;
            keyBytes += named.cache().length() + 2 * named.key().length();
        }
        return entry.sizeInBytes() + keyBytes;
    }

    private void removed(EntryKey key, CacheEntry entry, RemovalCause cause) {
        if (cause != RemovalCause.REPLACED && key instanceof CacheKey widget
                && widget.type().scopeKind() == ScopeKind.USER_WIDGET) {
            forgetWidget(widget);
        }
    }

    private void forgetWidget(CacheKey key) {
        widgetKeys.computeIfPresent(key.scope(), (scope, keys) -> {
            if (!cache.asMap().containsKey(key)) {
                keys.remove(key);
            }
            return keys.isEmpty() ? null : keys;
        });
    }
}
