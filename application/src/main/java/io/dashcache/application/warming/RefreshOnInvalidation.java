package io.dashcache.application.warming;

import io.dashcache.application.engine.InvalidationListener;
import io.dashcache.application.port.messages.InvalidationMessage;
import io.dashcache.application.port.out.time.TimeSource;
import io.dashcache.domain.CacheKey;
import io.dashcache.domain.EntryKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.LongAdder;

/**
 * Refresh on invalidation: the engine, not the next reader, pays for freshness. What an invalidation
 * drops from this instance's L1 was read within the L1 TTL, so it is likely read again soon: it is
 * reloaded at once through the warmer (its {@link io.dashcache.application.port.messages.WarmKind#ON_INVALIDATION}
 * tasks come right after an operator's), under the key's lease, so one instance loads it and the
 * others find it in L2. A key nobody read lately is in no L1 and is not reloaded. At most
 * {@code perSecond} keys a second are refreshed; the rest wait for their next reader, as before.
 *
 * <pre>{@code
 * invalidator.alsoTell(new RefreshOnInvalidation(warmer, 100, time));
 * }</pre>
 */
public final class RefreshOnInvalidation implements InvalidationListener {

    private final CacheWarmer warmer;
    private final TokenBucket budget;
    private final LongAdder skipped = new LongAdder();

    /** @param perSecond the most keys refreshed a second (their engine loads are counted by kind in the warmer) */
    public RefreshOnInvalidation(CacheWarmer warmer, double perSecond, TimeSource time) {
        this.warmer = Objects.requireNonNull(warmer, "warmer");
        this.budget = new TokenBucket(perSecond, Math.max(1, perSecond), Objects.requireNonNull(time, "time")::nanoTime);
    }

    @Override
    public void droppedFromL1(List<EntryKey> keys) {
        List<CacheKey> refresh = new ArrayList<>(keys.size());
        for (EntryKey key : keys) {
            // a named entry's loader is its reader's: only dashboard parts have a loader of their own
            if (key instanceof CacheKey part) {
                if (budget.tryTake() == 0) {
                    refresh.add(part);
                } else {
                    skipped.increment();
                }
            }
        }
        if (!refresh.isEmpty()) {
            warmer.refresh(refresh);
        }
    }

    /** Keys left to their next reader because the budget was spent. */
    public long skipped() {
        return skipped.sum();
    }

    @Override
    public void invalidated(InvalidationMessage message) {
    }

    @Override
    public void invalidationsMayHaveBeenMissed() {
    }
}
