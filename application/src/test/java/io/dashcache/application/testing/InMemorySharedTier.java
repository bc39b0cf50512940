package io.dashcache.application.testing;

import io.dashcache.application.port.out.reading.CacheTierUnavailableException;
import io.dashcache.application.port.out.reading.SharedCacheTier;
import io.dashcache.domain.CacheEntry;
import io.dashcache.domain.CacheKey;
import io.dashcache.domain.DataType;
import io.dashcache.domain.EntryKey;
import io.dashcache.domain.NamedEntryScope;
import io.dashcache.domain.NamedKey;
import io.dashcache.domain.Scope;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** A shared tier in a map, with the same version semantics as Redis; it can be told to fail. */
public final class InMemorySharedTier implements SharedCacheTier {

    private final Map<EntryKey, CacheEntry> values = new ConcurrentHashMap<>();
    private final Map<Scope, Long> versions = new ConcurrentHashMap<>();
    private final AtomicInteger writes = new AtomicInteger();
    private volatile boolean down;
    private volatile int compressionRatio = 1;

    /** Weighs what it stores as if it compressed payloads {@code ratio} to one (as the Redis tier may). */
    public void compressBy(int ratio) {
        compressionRatio = ratio;
    }

    @Override
    public long storedBytes(CacheEntry entry) {
        return entry.payload().length / compressionRatio;
    }

    public void goDown() {
        down = true;
    }

    public void comeBack() {
        down = false;
    }

    public CacheEntry stored(EntryKey key) {
        return values.get(key);
    }

    public int writes() {
        return writes.get();
    }

    public long version(Scope scope) {
        return versions.getOrDefault(scope, 0L);
    }

    /** A key's version as the Redis tier spells it: its one scope's counter, or two counters in one number. */
    private long version(EntryKey key) {
        List<Scope> scopes = key.scopes();
        long version = version(scopes.get(0));
        return scopes.size() == 1 ? version : (version << 32) | (version(scopes.get(1)) & 0xFFFF_FFFFL);
    }

    @Override
    public synchronized SharedRead read(EntryKey key) {
        failIfDown();
        long version = version(key);
        CacheEntry entry = values.get(key);
        return new SharedRead(entry != null && entry.scopeVersion() == version ? entry : null, version);
    }

    @Override
    public synchronized boolean writeIfVersion(EntryKey key, CacheEntry entry, Duration ttl) {
        failIfDown();
        if (version(key) != entry.scopeVersion()) {
            return false;
        }
        values.put(key, entry);
        writes.incrementAndGet();
        return true;
    }

    @Override
    public synchronized Map<Scope, Long> bumpVersions(Collection<? extends Scope> scopes) {
        failIfDown();
        Map<Scope, Long> bumped = new LinkedHashMap<>();
        for (Scope scope : scopes) {
            bumped.put(scope, versions.merge(scope, 1L, Long::sum));
            if (scope instanceof NamedEntryScope entry) {
                values.remove(new NamedKey(entry.cache(), entry.key()));
            }
        }
        return bumped;
    }

    @Override
    public synchronized long deleteType(DataType type) {
        failIfDown();
        long before = values.size();
        values.keySet().removeIf(key -> key instanceof CacheKey part && part.type() == type);
        return before - values.size();
    }

    @Override
    public synchronized long deleteEverything() {
        failIfDown();
        long count = values.size() + versions.size();
        values.clear();
        versions.clear();
        return count;
    }

    private void failIfDown() {
        if (down) {
            throw new CacheTierUnavailableException("in-memory shared tier is down (test)", null);
        }
    }
}
