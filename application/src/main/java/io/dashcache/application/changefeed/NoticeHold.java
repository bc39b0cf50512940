package io.dashcache.application.changefeed;

import io.dashcache.application.concurrency.DaemonThreads;
import io.dashcache.application.port.out.reading.LocalCacheTier;
import io.dashcache.domain.CacheKey;
import io.dashcache.domain.DashboardScope;
import io.dashcache.domain.EntryKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * With refresh on invalidation, a dashboard is told of a change once the fresh value is back in this
 * instance's L1, so its re-read is a hit: the notice of a scope waits until every key the invalidation
 * dropped from L1 for that scope is filled again (by the refresh, by {@code FollowStoredValues} taking
 * another instance's stored value, or by a reader), and never longer than {@code bound} after the drop.
 *
 * <pre>{@code
 * NoticeHold hold = new NoticeHold(core.local(), Duration.ofMillis(50));
 * core.engine().whenFilled(hold::filled);   // TieredCache says when L1 took a value
 * feed.holdUntilFresh(hold);                // the feed holds each scope's notice here
 * }</pre>
 *
 * <p>Only what L1 holds after the drop counts as filled: the fill guard keeps out every value loaded
 * before the invalidation, so a filled key holds data loaded after it. A scope none of whose keys were in
 * L1 here (nobody on this instance read it lately) is told at once. Held scopes are bounded in number
 * ({@value #MAX_HELD_SCOPES}); past that, notices go out at once, as without a hold.
 */
public final class NoticeHold implements AutoCloseable {

    /** The bound when none is configured: a refresh is one engine call and one L2 write, a few ms. */
    public static final Duration DEFAULT_BOUND = Duration.ofMillis(50);
    static final int MAX_HELD_SCOPES = 10_000;

    private final LocalCacheTier local;
    private final Duration bound;
    private final ScheduledThreadPoolExecutor timer;
    private final ConcurrentMap<DashboardScope, Hold> holds = new ConcurrentHashMap<>();

    /** @param bound the longest a notice waits for its fresh value after the invalidation dropped it */
    public NoticeHold(LocalCacheTier local, Duration bound) {
        this.local = Objects.requireNonNull(local, "local");
        Objects.requireNonNull(bound, "bound");
        if (bound.isNegative() || bound.isZero()) {
            throw new IllegalArgumentException("a notice hold's bound must be positive, got " + bound);
        }
        this.bound = bound;
        // its one thread starts with the first hold
        this.timer = new ScheduledThreadPoolExecutor(1, DaemonThreads.named("dashcache-notice-hold"));
        this.timer.setRemoveOnCancelPolicy(true);
    }

    public Duration bound() {
        return bound;
    }

    /** An invalidation just dropped these keys from L1: their scopes' notices wait for them from now on. */
    void expect(List<EntryKey> keys) {
        Map<DashboardScope, List<EntryKey>> byScope = new LinkedHashMap<>();
        for (EntryKey key : keys) {
            // a named cache's entries are no part of a dashboard: no notice names them
            if (key instanceof CacheKey part) {
                byScope.computeIfAbsent(part.scope(), scope -> new ArrayList<>()).add(key);
            }
        }
        byScope.forEach((scope, ofScope) -> {
            if (holds.size() >= MAX_HELD_SCOPES && !holds.containsKey(scope)) {
                return;
            }
            Hold hold = holds.compute(scope, (s, open) -> open != null && open.expect(ofScope) ? open : started(s, ofScope));
            // a fill between the drop and now (a reader's, a refresh's on another thread) came before the hold
            for (EntryKey key : ofScope) {
                if (local.getIfPresent(key) != null) {
                    hold.filled(key);
                }
            }
        });
    }

    /**
     * Runs {@code release} once the keys {@link #expect}ed for {@code scope} are all in L1 again
     * ({@code true}), or the bound passed ({@code false}); at once when none are expected ({@code false}:
     * nothing is known to be in L1), or when they already are ({@code true}).
     */
    void whenFresh(DashboardScope scope, Consumer<Boolean> release) {
        Hold hold = holds.get(scope);
        if (hold == null || !hold.attach(release)) {
            release.accept(hold != null && hold.fresh);
        }
    }

    /** L1 just took a value of {@code key} that the fill guard let stay. */
    public void filled(EntryKey key) {
        if (holds.isEmpty() || !(key instanceof CacheKey part)) {
            return; // the usual case, on every L2 hit and load: one look at an empty map
        }
        Hold hold = holds.get(part.scope());
        if (hold != null) {
            hold.filled(key);
        }
    }

    /** Scopes whose notices wait now (or whose hold has not yet passed its bound). */
    int heldScopes() {
        return holds.size();
    }

    @Override
    public void close() {
        timer.shutdownNow();
        // what still waits goes out now, as it would at the bound
        List.copyOf(holds.values()).forEach(hold -> hold.finish(false));
    }

    private Hold started(DashboardScope scope, List<EntryKey> keys) {
        Hold hold = new Hold(scope, keys);
        try {
            timer.schedule(() -> hold.finish(false), bound.toNanos(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException closed) {
            hold.complete(false); // closing: nothing waits (called inside the map's compute: no removal here)
        }
        return hold;
    }

    /**
     * One scope's keys awaited and the notices waiting for them. It stays in the map until its bound even
     * when complete, so a notice that comes after its keys were filled is told "fresh" at once.
     */
    private final class Hold {

        private final DashboardScope scope;
        private final Set<EntryKey> waiting;
        private final List<Consumer<Boolean>> releases = new ArrayList<>(1);
        private boolean done;
        private volatile boolean fresh;

        Hold(DashboardScope scope, List<EntryKey> keys) {
            this.scope = scope;
            this.waiting = new HashSet<>(keys);
        }

        /** @return false when already complete: a new hold takes the keys */
        synchronized boolean expect(List<EntryKey> keys) {
            if (done) {
                return false;
            }
            waiting.addAll(keys);
            return true;
        }

        /** @return false when complete: the caller releases at once */
        synchronized boolean attach(Consumer<Boolean> release) {
            if (done) {
                return false;
            }
            releases.add(release);
            return true;
        }

        void filled(EntryKey key) {
            boolean complete;
            synchronized (this) {
                complete = !done && waiting.remove(key) && waiting.isEmpty();
            }
            if (complete) {
                complete(true);
            }
        }

        /** The bound passed (or the hold closed): the map forgets it, what waits goes out. */
        void finish(boolean filled) {
            holds.remove(scope, this);
            complete(filled);
        }

        private void complete(boolean filled) {
            List<Consumer<Boolean>> waiters;
            synchronized (this) {
                if (done) {
                    return;
                }
                done = true;
                fresh = filled;
                waiters = List.copyOf(releases);
                releases.clear();
            }
            // listeners are the feed's: they take its lock and never block
            waiters.forEach(release -> release.accept(filled));
        }
    }
}
