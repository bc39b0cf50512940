package io.dashcache.embedded;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.dashcache.adapters.redis.RedisNamedCacheBroadcast;
import io.dashcache.application.port.out.CacheTierUnavailableException;
import io.dashcache.application.port.out.NamedValueStore;
import io.dashcache.application.port.out.NamedValueStore.NamedRead;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An application's own cache on dashcache's two tiers: string keys, byte values, one TTL.
 *
 * <pre>{@code
 * NamedCache orders = client.namedCache("orders");
 * byte[] order = orders.get("order-17", () -> repository.loadJson(17)); // L1, then Redis, then the loader
 * orders.put("order-17", json);     // replaces it in Redis; other instances drop their L1 copy
 * orders.evict("order-17");         // deleted in Redis, dropped from every instance's L1
 * orders.clear();                   // the cache's version moves on: every entry is dead at once, O(1)
 * }</pre>
 *
 * <p>Keys never reach Redis as text: they are hashed (SHA-256, see {@code KeyFormat.namedValueKey}).
 * A load remembers the cache's version it started under and stores its value only if the version
 * is unchanged (a {@link #clear()} meanwhile refuses it), and only keeps it in L1 when no eviction
 * or clear arrived while it ran. Loads of one key in this instance are single-flight (L1's atomic
 * compute). When Redis fails, reads go L1 then the loader.
 */
public final class NamedCache {

    private static final Logger LOG = LoggerFactory.getLogger(NamedCache.class);

    private final String name;
    private final NamedValueStore store;
    private final Optional<RedisNamedCacheBroadcast> broadcast;
    private final NamedCacheSettings settings;
    private final Cache<String, byte[]> local;
    /** Moves on with every eviction or clear this instance applies: a load that saw it move keeps nothing in L1. */
    private final AtomicLong generation = new AtomicLong();

    NamedCache(String name, NamedValueStore store, Optional<RedisNamedCacheBroadcast> broadcast,
               NamedCacheSettings settings) {
        this.name = name;
        this.store = store;
        this.broadcast = broadcast;
        this.settings = settings;
        this.local = Caffeine.newBuilder()
                .maximumWeight(settings.l1MaxBytes())
                .weigher((String key, byte[] value) -> key.length() * 2 + value.length + 64)
                .expireAfterWrite(settings.l1Ttl())
                .build();
    }

    public String name() {
        return name;
    }

    /** The value, loading it with {@code loader} (once per key at a time in this instance) when no tier has it. */
    public byte[] get(String key, Supplier<byte[]> loader) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(loader, "loader");
        byte[] inL1 = local.getIfPresent(key);
        if (inL1 != null) {
            return inL1;
        }
        long seen = generation.get();
        byte[][] loaded = new byte[1][];
        byte[] value = local.get(key, k -> {
            byte[] found = fetch(k, loader);
            loaded[0] = found;
            return found;
        });
        if (loaded[0] != null && generation.get() != seen) {
            local.invalidate(key); // an eviction or clear overtook the load: serve it, do not keep it
        }
        return value;
    }

    /** The value when a tier has it, without loading. */
    public Optional<byte[]> getIfPresent(String key) {
        Objects.requireNonNull(key, "key");
        byte[] inL1 = local.getIfPresent(key);
        if (inL1 != null) {
            return Optional.of(inL1);
        }
        try {
            return Optional.ofNullable(store.read(name, key).value());
        } catch (CacheTierUnavailableException e) {
            LOG.debug("L2 read in {} failed: {}", name, e.getMessage());
            return Optional.empty();
        }
    }

    /** Stores {@code value} in both tiers; every other instance drops its L1 copy. */
    public void put(String key, byte[] value) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value (a named cache holds no nulls)");
        try {
            store.put(name, key, value, settings.ttl());
        } catch (CacheTierUnavailableException e) {
            LOG.debug("L2 put in {} failed, keeping it in L1 only: {}", name, e.getMessage());
        }
        generation.incrementAndGet();
        local.put(key, value);
        broadcast.ifPresent(b -> b.publishEvict(name, key));
    }

    /** Deletes one entry in Redis and in every instance's L1. */
    public void evict(String key) {
        Objects.requireNonNull(key, "key");
        try {
            store.delete(name, key);
        } finally {
            dropLocal(key);
            broadcast.ifPresent(b -> b.publishEvict(name, key));
        }
    }

    /** Makes every entry of this cache dead on every instance, in O(1): its version moves on. */
    public void clear() {
        try {
            store.bumpVersion(name);
        } finally {
            dropLocalAll();
            broadcast.ifPresent(b -> b.publishClear(name));
        }
    }

    void dropLocal(String key) {
        generation.incrementAndGet();
        local.invalidate(key);
    }

    void dropLocalAll() {
        generation.incrementAndGet();
        local.invalidateAll();
    }

    private byte[] fetch(String key, Supplier<byte[]> loader) {
        NamedRead inL2 = null;
        try {
            inL2 = store.read(name, key);
            if (inL2.value() != null) {
                return inL2.value();
            }
        } catch (CacheTierUnavailableException e) {
            LOG.debug("L2 read in {} failed, loading: {}", name, e.getMessage());
        }
        byte[] value = Objects.requireNonNull(loader.get(), () -> "the loader of cache " + name
                + " returned null: a named cache holds no nulls");
        if (inL2 != null) {
            try {
                if (!store.writeIfVersion(name, key, value, inL2.version(), settings.ttl())) {
                    generation.incrementAndGet(); // the cache was cleared meanwhile: keep it out of L1 too
                }
            } catch (CacheTierUnavailableException e) {
                LOG.debug("L2 write in {} failed: {}", name, e.getMessage());
            }
        }
        return value;
    }
}
