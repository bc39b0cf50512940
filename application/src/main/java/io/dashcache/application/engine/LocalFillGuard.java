package io.dashcache.application.engine;

import io.dashcache.domain.EntryKey;
import io.dashcache.domain.Scope;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
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
 *
 * <p>It also says which tier a read may trust, so that no read goes back in time: L1 not while the
 * invalidation subscription is down (broadcasts may be missed), and L2 not for a scope whose
 * invalidation is accepted but not yet recorded there (an event kept until Redis answers again:
 * L2 still holds what was valid before it).
 */
public final class LocalFillGuard {

    private static final int STRIPES = 1024;

    private final AtomicLongArray stripes = new AtomicLongArray(STRIPES);
    private final AtomicLong wide = new AtomicLong();
    private volatile boolean localTrusted = true;
    private final ConcurrentMap<Scope, Integer> pendingScopes = new ConcurrentHashMap<>();
    // the hot path reads this, not the map
    private volatile boolean anyPending;

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

    /** Whether L1 may answer: false while broadcasts may be missed (the subscription is down). */
    public boolean localTrusted() {
        return localTrusted;
    }

    void distrustLocal() {
        localTrusted = false;
    }

    /** Called after L1 was flushed (and the stripes moved), so nothing from before is trusted. */
    void trustLocal() {
        localTrusted = true;
    }

    /** Whether L2 may answer for {@code key}: not while an invalidation of one of its scopes is pending. */
    public boolean sharedTrusted(EntryKey key) {
        if (!anyPending) {
            return true;
        }
        List<Scope> scopes = key.scopes();
        for (int i = 0; i < scopes.size(); i++) {
            if (pendingScopes.containsKey(scopes.get(i))) {
                return false;
            }
        }
        return true;
    }

    /** An invalidation of these scopes is accepted but not recorded in L2 yet. */
    public synchronized void pending(Collection<? extends Scope> scopes) {
        scopes.forEach(scope -> pendingScopes.merge(scope, 1, Integer::sum));
        anyPending = !pendingScopes.isEmpty();
    }

    /** The invalidation {@link #pending} announced is now recorded in L2. */
    public synchronized void settled(Collection<? extends Scope> scopes) {
        scopes.forEach(scope -> pendingScopes.computeIfPresent(scope, (s, n) -> n == 1 ? null : n - 1));
        anyPending = !pendingScopes.isEmpty();
    }
}
