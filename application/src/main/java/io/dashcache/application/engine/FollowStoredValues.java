package io.dashcache.application.engine;

import io.dashcache.application.port.messages.InvalidationMessage;
import io.dashcache.domain.EntryKey;
import java.util.List;
import java.util.Objects;

/**
 * With refresh on invalidation, one instance reloads what an event made stale; the others need not
 * wait for their next reader to find it in L2. What an invalidation drops from this instance's L1 is
 * followed ({@link TieredCache#followStores}): the value the refreshing instance stores next is taken
 * into L1 the moment its store notice comes, so the next read here is an L1 hit on fresh data.
 *
 * <pre>{@code
 * invalidator.alsoTell(new FollowStoredValues(core.engine()));
 * }</pre>
 */
public final class FollowStoredValues implements InvalidationListener {

    private final TieredCache engine;

    public FollowStoredValues(TieredCache engine) {
        this.engine = Objects.requireNonNull(engine, "engine");
    }

    @Override
    public void droppedFromL1(List<EntryKey> keys) {
        engine.followStores(keys);
    }

    @Override
    public void invalidated(InvalidationMessage message) {
    }

    @Override
    public void invalidationsMayHaveBeenMissed() {
    }
}
