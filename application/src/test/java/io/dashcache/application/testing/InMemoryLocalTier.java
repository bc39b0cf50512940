package io.dashcache.application.testing;

import io.dashcache.application.port.out.reading.LocalCacheTier;
import io.dashcache.domain.CacheEntry;
import io.dashcache.domain.CacheKey;
import io.dashcache.domain.DataType;
import io.dashcache.domain.EntryKey;
import io.dashcache.domain.Scope;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** An unbounded L1 in a map, for use-case tests. */
public final class InMemoryLocalTier implements LocalCacheTier {

    private final Map<EntryKey, CacheEntry> entries = new ConcurrentHashMap<>();

    @Override
    public CacheEntry getIfPresent(EntryKey key) {
        return entries.get(key);
    }

    @Override
    public void put(EntryKey key, CacheEntry entry) {
        entries.put(key, entry);
    }

    @Override
    public void remove(EntryKey key) {
        entries.remove(key);
    }

    @Override
    public void invalidate(Collection<? extends Scope> scopes) {
        entries.keySet().removeIf(key -> key.scopes().stream().anyMatch(scopes::contains));
    }

    @Override
    public void invalidateType(DataType type) {
        entries.keySet().removeIf(key -> key instanceof CacheKey part && part.type() == type);
    }

    @Override
    public void clear() {
        entries.clear();
    }

    @Override
    public long size() {
        return entries.size();
    }

    @Override
    public long weightInBytes() {
        return entries.values().stream().mapToLong(CacheEntry::sizeInBytes).sum();
    }
}
