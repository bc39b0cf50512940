package io.dashcache.embedded;

import io.dashcache.application.engine.CacheInvalidator;
import io.dashcache.application.engine.TieredCache;
import io.dashcache.application.port.in.reading.GetDashboardParts.PartRead;
import io.dashcache.application.port.out.reading.SourceAnswer;
import io.dashcache.domain.CacheEntry;
import io.dashcache.domain.CachePolicy;
import io.dashcache.domain.NamedCacheScope;
import io.dashcache.domain.NamedKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * An application's own cache on dashcache's engine: string keys, byte values, and every guarantee the
 * dashboard reads have, because it is the same code ({@link TieredCache}).
 *
 * <pre>{@code
 * NamedCache orders = client.namedCache("orders");
 * byte[] order = orders.get("order-17", () -> repository.loadJson(17)); // L1, then Redis, then the loader
 * Map<String, byte[]> some = orders.getAll(List.of("order-17", "order-18"), repository::loadJsons);
 * orders.put("order-17", json);     // stored; every instance drops its copy; loads begun before store nothing
 * orders.evict("order-17");         // gone on every instance; loads begun before store nothing
 * orders.clear();                   // the cache's version moves on: every entry is dead at once, O(1)
 * }</pre>
 *
 * <ul>
 *   <li>One load per key at a time in this instance, and through a lease in Redis across instances;
 *       the others wait for its value.</li>
 *   <li>{@link #evict}, {@link #put} and {@link #clear} bump a version in Redis (the entry's or the
 *       cache's) before they return, so a load begun before them, here or on any instance, is refused
 *       by the compare-and-set and never stored; and they broadcast, so every instance drops its L1 copy.
 *       They throw {@link io.dashcache.application.port.out.reading.CacheTierUnavailableException} when Redis
 *       could not record that (this instance's copy is dropped anyway): other instances may keep theirs
 *       until their L1 TTL, and the caller should know.</li>
 *   <li>Stale-while-revalidate inside the grace period, refresh ahead of expiry for hot slow keys, TTL
 *       jitter, a TTL per entry ({@link NamedCacheOptions#withTtlFunction}), and negative caching of a
 *       loader's {@code null} where asked for ({@link NamedCacheOptions#withNullsCachedFor}).</li>
 *   <li>Keys never reach Redis as text: they are hashed (SHA-256, {@code KeyFormat.namedValueKey}).</li>
 * </ul>
 *
 * When Redis fails, reads go L1 then the loader.
 */
public final class NamedCache {

    private final String name;
    private final TieredCache engine;
    private final CacheInvalidator invalidator;
    private final NamedCacheOptions options;
    private final CachePolicy policy;
    private final Executor async;

    NamedCache(String name, TieredCache engine, CacheInvalidator invalidator, NamedCacheOptions options,
               Executor async) {
        this.name = name;
        this.engine = engine;
        this.invalidator = invalidator;
        this.options = options;
        this.policy = options.policy();
        this.async = async;
    }

    public String name() {
        return name;
    }

    public NamedCacheOptions options() {
        return options;
    }

    /**
     * The value, loading it with {@code loader} when no tier has it (once per key at a time, across
     * instances). {@code null} when the loader answered {@code null} (kept for the options' null TTL).
     *
     * @throws RuntimeException what the loader threw, when no tier holds a value, not even a stale one
     */
    public byte[] get(String key, Supplier<byte[]> loader) {
        Objects.requireNonNull(loader, "loader");
        return value(engine.read(key(key), policy, k -> answer(key, loader.get())).entry());
    }

    /** {@link #get} on the client's executor. */
    public CompletableFuture<byte[]> getAsync(String key, Supplier<byte[]> loader) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(loader, "loader");
        return CompletableFuture.supplyAsync(() -> get(key, loader), async);
    }

    /**
     * Many values at once: L1 answers what it can, Redis the rest in one round trip, and the misses are
     * loaded by one call of {@code bulkLoader} (it answers the values it has; a key it leaves out, or
     * maps to {@code null}, has none). The map holds the keys that have a value, in the order given.
     *
     * @throws RuntimeException what the bulk loader threw
     */
    public Map<String, byte[]> getAll(Collection<String> keys, Function<Set<String>, Map<String, byte[]>> bulkLoader) {
        Objects.requireNonNull(bulkLoader, "bulkLoader");
        List<NamedKey> named = new ArrayList<>();
        for (String key : new LinkedHashSet<>(keys)) {
            named.add(key(key));
        }
        Map<NamedKey, PartRead> reads = engine.readAll(named, policy, misses -> {
            Set<String> wanted = new LinkedHashSet<>();
            misses.forEach(miss -> wanted.add(miss.key()));
            Map<String, byte[]> loaded = Objects.requireNonNull(bulkLoader.apply(Set.copyOf(wanted)),
                    () -> "the bulk loader of cache " + name + " answered null");
            Map<NamedKey, SourceAnswer> answers = new LinkedHashMap<>();
            misses.forEach(miss -> answers.put(miss, answer(miss.key(), loaded.get(miss.key()))));
            return answers;
        });
        Map<String, byte[]> values = new LinkedHashMap<>();
        for (Map.Entry<NamedKey, PartRead> read : reads.entrySet()) {
            if (!read.getValue().ok()) {
                throw read.getValue().failure();
            }
            byte[] value = value(read.getValue().read().entry());
            if (value != null) {
                values.put(read.getKey().key(), value);
            }
        }
        return values;
    }

    /** The value when a tier holds it, without loading. */
    public Optional<byte[]> getIfPresent(String key) {
        return lookup(key).value();
    }

    /**
     * A read that does not load and remembers what it saw: on a miss, {@link #putIfUnchanged} later stores
     * what the caller loaded only if no evict, put or clear of the key came in between, on any instance.
     * For callers that look up, load and put in three steps (Spring's {@code @Cacheable} without {@code sync}).
     */
    public Lookup lookup(String key) {
        TieredCache.Lookup seen = engine.lookup(key(key));
        return new Lookup(key, seen.entry().filter(entry -> !entry.absent()).map(CacheEntry::payload), seen);
    }

    /** Stores a value loaded after {@code miss}, unless the key was invalidated since; whether it was kept. */
    public boolean putIfUnchanged(Lookup miss, byte[] value) {
        Objects.requireNonNull(miss, "miss");
        Objects.requireNonNull(value, "value (a named cache holds no nulls)");
        return engine.storeIfUnchanged(key(miss.key()), value,
                ttlFor(miss.key(), value).map(policy::withTtl).orElse(policy), miss.seen());
    }

    /** What {@link #lookup} saw of one key: its value, if any, and what a later store is checked against. */
    public record Lookup(String key, Optional<byte[]> value, TieredCache.Lookup seen) {
    }

    /**
     * Stores {@code value} in both tiers: every load of the key begun before it is refused, and every
     * other instance drops its copy.
     */
    public void put(String key, byte[] value) {
        NamedKey named = key(key);
        Objects.requireNonNull(value, "value (a named cache holds no nulls; evict instead)");
        invalidator.invalidateScopes(Set.of(named.entryScope()), "put");
        engine.store(named, value, ttlFor(key, value).map(policy::withTtl).orElse(policy));
    }

    /** Removes one entry on every instance; loads of it begun before store nothing. */
    public void evict(String key) {
        invalidator.invalidateScopes(Set.of(key(key).entryScope()), "evict");
    }

    /** Makes every entry of this cache dead on every instance, in O(1): its version moves on. */
    public void clear() {
        invalidator.invalidateScopes(Set.of(new NamedCacheScope(name)), "clear");
    }

    private NamedKey key(String key) {
        return new NamedKey(name, Objects.requireNonNull(key, "key"));
    }

    private SourceAnswer answer(String key, byte[] value) {
        if (value == null) {
            return SourceAnswer.notFound();
        }
        return ttlFor(key, value).map(ttl -> SourceAnswer.found(value, ttl)).orElseGet(() -> SourceAnswer.found(value));
    }

    private Optional<Duration> ttlFor(String key, byte[] value) {
        return options.ttlFunction().map(function -> function.apply(key, value));
    }

    private static byte[] value(CacheEntry entry) {
        return entry.absent() ? null : entry.payload();
    }
}
