package io.dashcache.application.engine;

import io.dashcache.application.port.out.reading.SharedCacheTier.SharedRead;
import io.dashcache.domain.CacheEntry;
import io.dashcache.domain.EntryKey;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps reads from going back in time after L2 was away: a value this instance loaded from its source
 * while L2 could not take it (down, or its scope's invalidation still pending) is newer than what L2
 * holds, which was valid before and may still look valid until the missed invalidation is recorded.
 * The load's time is kept as the key's floor; an L2 value stored before it is read as a miss (the load
 * that follows writes the newer value back under the compare-and-set), and the floor goes once L2
 * holds a value at least as new.
 *
 * <p>Compares the instants of different instances' clocks: skew between them beyond the time between
 * two loads of a key weakens it. Bounded: past {@link #MAX_FLOORS} keys, floors older than
 * {@link #PRUNE_AFTER} go, and then new ones are refused and counted (logged once).
 */
final class OutageFloors {

    static final int MAX_FLOORS = 100_000;
    /** Longer than any L2 value written before an outage usually lives (the longest default TTL, plus grace). */
    static final Duration PRUNE_AFTER = Duration.ofHours(1);
    private static final Logger LOG = LoggerFactory.getLogger(OutageFloors.class);

    private final ConcurrentMap<EntryKey, Instant> floors = new ConcurrentHashMap<>();
    private final AtomicLong refused = new AtomicLong();

    /** {@code entry} was served from the source while L2 did not get it. */
    void raise(EntryKey key, CacheEntry entry) {
        if (floors.size() >= MAX_FLOORS && !floors.containsKey(key)) {
            Instant cutoff = entry.storedAt().minus(PRUNE_AFTER);
            floors.values().removeIf(floor -> floor.isBefore(cutoff));
            if (floors.size() >= MAX_FLOORS) {
                if (refused.getAndIncrement() == 0) {
                    LOG.warn("{} keys were loaded while Redis could not take them: no more are remembered, so an "
                            + "older L2 value of a further one may be served once Redis is back", MAX_FLOORS);
                }
                return;
            }
        }
        floors.merge(key, entry.storedAt(), (old, now) -> now.isAfter(old) ? now : old);
    }

    /** What L2 answered, as this instance may use it: a value older than the key's floor is a miss. */
    SharedRead filter(EntryKey key, SharedRead read) {
        if (!read.holdsValue() || floors.isEmpty()) {
            return read;
        }
        Instant floor = floors.get(key);
        if (floor == null) {
            return read;
        }
        if (read.entry().storedAt().isBefore(floor)) {
            return new SharedRead(null, read.scopeVersion());
        }
        floors.remove(key, floor); // L2 caught up
        return read;
    }

    int size() {
        return floors.size();
    }

    long refused() {
        return refused.get();
    }
}
