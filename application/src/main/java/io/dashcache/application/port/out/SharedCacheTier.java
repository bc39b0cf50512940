package io.dashcache.application.port.out;

import io.dashcache.domain.CacheEntry;
import io.dashcache.domain.CacheKey;
import io.dashcache.domain.DataType;
import io.dashcache.domain.Scope;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * L2: the tier every instance shares (Redis). Each scope has a version counter; a value is
 * valid only while its scope's version is the one it was loaded under. Every method may throw
 * {@link CacheTierUnavailableException}; callers degrade to L1 and the engine.
 */
public interface SharedCacheTier {

    /**
     * Reads a value and its scope's current version in one round trip. The entry is returned
     * only when it was stored under the current version (never when it is invalidated).
     */
    SharedRead read(CacheKey key);

    /**
     * Reads many values and their scopes' versions, answering in the keys' order. Implementations
     * do it in one round trip per hash slot; this default asks {@link #read} key by key.
     */
    default List<SharedRead> readAll(List<CacheKey> keys) {
        List<SharedRead> reads = new ArrayList<>(keys.size());
        for (CacheKey key : keys) {
            reads.add(read(key));
        }
        return reads;
    }

    /**
     * Stores a loaded value, for {@code ttl}, only if the key's scope is still at
     * {@code entry.scopeVersion()}: the compare-and-set that keeps a slow load from writing back
     * data an invalidation has already replaced.
     *
     * @return whether it was stored
     */
    boolean writeIfVersion(CacheKey key, CacheEntry entry, Duration ttl);

    /** Increments the versions of these scopes; every value stored under an older version is then invalid. */
    Map<Scope, Long> bumpVersions(Collection<Scope> scopes);

    /** Deletes every stored value of one data type (operator tool: walks the keys with SCAN). */
    long deleteType(DataType type);

    /** Deletes every cached value under this prefix; scope versions stay, so no old load can store again (operator tool: SCAN). */
    long deleteEverything();

    /**
     * @param entry        the stored entry when it is valid for {@code scopeVersion}, else {@code null}
     * @param scopeVersion the scope's version now; a load started now must be written back under it
     */
    record SharedRead(CacheEntry entry, long scopeVersion) {
    }
}
