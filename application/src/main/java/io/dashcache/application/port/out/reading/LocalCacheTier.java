package io.dashcache.application.port.out.reading;

import io.dashcache.domain.CacheEntry;
import io.dashcache.domain.DataType;
import io.dashcache.domain.EntryKey;
import io.dashcache.domain.Scope;
import java.util.Collection;
import java.util.List;

/**
 * L1: this instance's memory. Bounded by bytes, with a short TTL of its own so that a lost
 * invalidation message heals by itself. Implementations are thread-safe and never block on I/O.
 */
public interface LocalCacheTier {

    /** The entry, or {@code null}: no {@code Optional} on the hottest path there is. Never one past its grace. */
    CacheEntry getIfPresent(EntryKey key);

    /**
     * {@link #getIfPresent(EntryKey)} judged at {@code nowMillis}, the caller's clock read: the L1 hit reads
     * the clock once for this and for its own freshness test.
     */
    default CacheEntry getIfPresent(EntryKey key, long nowMillis) {
        return getIfPresent(key);
    }

    void put(EntryKey key, CacheEntry entry);

    void remove(EntryKey key);

    /**
     * Drops every entry of these scopes, in time proportional to the entries dropped.
     *
     * @return the keys it dropped (read within the tier's TTL, so worth refreshing)
     */
    List<EntryKey> invalidate(Collection<? extends Scope> scopes);

    /** Drops every entry of one data type (operator action; may walk the tier). */
    void invalidateType(DataType type);

    void clear();

    /** Number of entries, approximately. */
    long size();

    /** Sum of the entries' weights in bytes, approximately. */
    long weightInBytes();
}
