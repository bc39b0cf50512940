package io.dashcache.application.inmemory;

import io.dashcache.application.port.out.reading.SharedCacheTier;
import io.dashcache.domain.CacheEntry;
import io.dashcache.domain.DataType;
import io.dashcache.domain.EntryKey;
import io.dashcache.domain.Scope;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The shared tier of an L1-only instance ({@code DASHCACHE_REDIS_URL=none}, or no Redis at
 * start-up): it keeps nothing, so every read misses, every version stays 0 and every write is
 * accepted without being stored. Local invalidations still work through the L1 fill guard.
 */
public final class NoSharedTier implements SharedCacheTier {

    @Override
    public SharedRead read(EntryKey key) {
        return new SharedRead(null, 0);
    }

    @Override
    public boolean writeIfVersion(EntryKey key, CacheEntry entry, Duration ttl) {
        return true;
    }

    @Override
    public Map<Scope, Long> bumpVersions(Collection<? extends Scope> scopes) {
        Map<Scope, Long> versions = new LinkedHashMap<>();
        scopes.forEach(scope -> versions.put(scope, 0L));
        return versions;
    }

    @Override
    public long deleteType(DataType type) {
        return 0;
    }

    @Override
    public long deleteEverything() {
        return 0;
    }
}
