package io.dashcache.application.port.out.reading;

import io.dashcache.application.port.messages.InvalidationMessage;
import io.dashcache.domain.CacheEntry;
import io.dashcache.domain.DataType;
import io.dashcache.domain.EntryKey;
import io.dashcache.domain.Scope;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * L2: the tier every instance shares (Redis). Each scope has a version counter; a value is valid
 * only while its key's scopes are at the versions it was loaded under. A key's version, as this
 * port hands it out, is one number that changes whenever any of its scopes' counters does. Every
 * method may throw {@link CacheTierUnavailableException}; callers degrade to L1 and the source.
 */
public interface SharedCacheTier {

    /**
     * Reads a value and its scope's current version in one round trip. The entry is returned
     * only when it was stored under the current version (never when it is invalidated).
     */
    SharedRead read(EntryKey key);

    /**
     * Reads many values and their scopes' versions, answering in the keys' order. Implementations
     * do it in one round trip per hash slot; this default asks {@link #read} key by key.
     */
    default List<SharedRead> readAll(List<? extends EntryKey> keys) {
        List<SharedRead> reads = new ArrayList<>(keys.size());
        for (EntryKey key : keys) {
            reads.add(read(key));
        }
        return reads;
    }

    /**
     * Stores a loaded value, for {@code ttl}, only if the key's version is still
     * {@code entry.scopeVersion()}: the compare-and-set that keeps a slow load from writing back
     * data an invalidation has already replaced.
     *
     * @return whether it was stored
     */
    boolean writeIfVersion(EntryKey key, CacheEntry entry, Duration ttl);

    /**
     * What {@code entry} would weigh stored in this tier, in bytes: the engine's size limit applies to
     * this, so a tier that compresses lets a large but compressible value be cached. Asked only of a
     * value whose payload alone is over the limit; it does no I/O and never throws
     * {@link CacheTierUnavailableException}. This default is the payload's length (a tier that stores
     * it as it is).
     */
    default long storedBytes(CacheEntry entry) {
        return entry.payload().length;
    }

    /** Increments the versions of these scopes; every value stored under an older version is then invalid. */
    Map<Scope, Long> bumpVersions(Collection<? extends Scope> scopes);

    /**
     * {@link #bumpVersions} and, where this tier can send it in the same round trip strictly after the bumps,
     * the invalidation {@code message} on the broadcast too: an event then reaches the other instances one
     * round trip sooner. This default only bumps.
     *
     * @return whether the message went out; when false the caller broadcasts it as usual
     */
    default boolean bumpVersionsAndBroadcast(Collection<? extends Scope> scopes, InvalidationMessage message) {
        bumpVersions(scopes);
        return false;
    }

    /**
     * Whether a call for these scopes would reach the tier now, asked without I/O: false while it is
     * known to be away for one of them (a circuit open for the shard that holds it), so an event for them
     * is kept at once instead of tried. This default always says yes.
     */
    default boolean reachable(Collection<? extends Scope> scopes) {
        return true;
    }

    /** Deletes every stored value of one dashboard data type (operator tool: walks the keys with SCAN). */
    long deleteType(DataType type);

    /** Deletes every cached value under this prefix; scope versions stay, so no old load can store again (operator tool: SCAN). */
    long deleteEverything();

    /**
     * What L2 holds for a key: the valid entry, if any, and the key's version now (a load started now
     * is written back under it); or that L2 could not be read at all.
     *
     * @param entry        the stored entry when it is valid for {@code scopeVersion}, else {@code null}
     * @param scopeVersion the key's version now
     */
    record SharedRead(CacheEntry entry, long scopeVersion) {

        private static final SharedRead UNAVAILABLE = new SharedRead(null, -1);

        /** L2 could not be read (down, timed out, circuit open): go on without it. */
        public static SharedRead unavailable() {
            return UNAVAILABLE;
        }

        public boolean available() {
            return this != UNAVAILABLE;
        }

        public boolean holdsValue() {
            return entry != null;
        }
    }
}
