package io.dashcache.application.engine;

import io.dashcache.domain.EntryKey;
import io.dashcache.domain.Scope;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Keeps a value read or loaded before an invalidation out of L1 after it.
 *
 * <p>A filler takes a stamp of its scope's stripe before it reads L2 or the engine, puts the
 * value, then checks the stamp again and takes the value out if the stripe moved. An invalidation
 * moves the stripe <em>before</em> it drops L1 entries, so either the filler sees the move or the
 * invalidation runs after the put and drops it. Stripes (not one counter) keep a storm of events
 * for some users from discarding every other user's fills.
 *
 * <p>The wide stamp moves only with {@link #invalidatedAll()}: a type-wide or whole-cache
 * invalidation moves no scope version in L2, so a load that began before one must not store in L2
 * either, and it is this stamp that tells it.
 */
public final class LocalFillGuard {

    private static final int STRIPES = 1024;

    private final AtomicLongArray stripes = new AtomicLongArray(STRIPES);
    private final AtomicLong wide = new AtomicLong();

    /** The stamp of a key: the sum of its scopes' stripes, which only grow, so it moves when any of them does. */
    public long stamp(EntryKey key) {
        List<Scope> scopes = key.scopes();
        long stamp = 0;
        for (int i = 0; i < scopes.size(); i++) {
            stamp += stamp(scopes.get(i));
        }
        return stamp;
    }

    boolean unchangedSince(EntryKey key, long stamp) {
        return stamp(key) == stamp;
    }

    long stamp(Scope scope) {
        return stripes.get(index(scope));
    }

    boolean unchangedSince(Scope scope, long stamp) {
        return stamp(scope) == stamp;
    }

    void invalidated(Scope scope) {
        stripes.incrementAndGet(index(scope));
    }

    long wideStamp() {
        return wide.get();
    }

    boolean noWideInvalidationSince(long wideStamp) {
        return wide.get() == wideStamp;
    }

    void invalidatedAll() {
        wide.incrementAndGet();
        for (int i = 0; i < STRIPES; i++) {
            stripes.incrementAndGet(i);
        }
    }

    private static int index(Scope scope) {
        int h = scope.hashCode();
        return (h ^ (h >>> 16)) & (STRIPES - 1);
    }
}
