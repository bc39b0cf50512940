package io.dashcache.application.inmemory;

import io.dashcache.application.port.out.reading.LocalCacheTier;
import io.dashcache.domain.CacheEntry;
import io.dashcache.domain.DataType;
import io.dashcache.domain.EntryKey;
import io.dashcache.domain.Scope;
import java.util.Collection;

/**
 * The local tier of an instance without L1 ({@code DASHCACHE_L1_MAX_BYTES=0}): it keeps nothing, so
 * every read goes to L2. For measuring what L1 is worth (the load harness runs the same workload
 * with and without it), or for deployments that want every read to see Redis.
 */
public final class NoLocalTier implements LocalCacheTier {

    @Override
    public CacheEntry getIfPresent(EntryKey key) {
        return null;
    }

    @Override
    public void put(EntryKey key, CacheEntry entry) {
    }

    @Override
    public void remove(EntryKey key) {
    }

    @Override
    public void invalidate(Collection<? extends Scope> scopes) {
    }

    @Override
    public void invalidateType(DataType type) {
    }

    @Override
    public void clear() {
    }

    @Override
    public long size() {
        return 0;
    }

    @Override
    public long weightInBytes() {
        return 0;
    }
}
