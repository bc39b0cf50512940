package io.dashcache.application.engine;

import io.dashcache.application.port.in.reading.DashboardRead;
import io.dashcache.application.port.in.reading.GetDashboardParts.PartRead;
import io.dashcache.application.port.messages.WarmKind;
import io.dashcache.application.port.messages.WarmOutcome;
import io.dashcache.application.port.out.metrics.CacheMetrics;
import io.dashcache.application.port.out.reading.CacheTierUnavailableException;
import io.dashcache.application.port.out.reading.LoadLeases.Lease;
import io.dashcache.application.port.out.reading.LoadLeases;
import io.dashcache.application.port.out.reading.LocalCacheTier;
import io.dashcache.application.port.out.reading.SharedCacheTier.SharedRead;
import io.dashcache.application.port.out.reading.SharedCacheTier;
import io.dashcache.application.port.out.reading.SourceAnswer;
import io.dashcache.application.port.out.reading.SourceUnavailableException;
import io.dashcache.application.port.out.reading.StoreNotices;
import io.dashcache.application.port.out.time.TimeSource;
import io.dashcache.domain.CacheEntry;
import io.dashcache.domain.CacheOutcome;
import io.dashcache.domain.CachePolicy;
import io.dashcache.domain.EntryKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one cache engine: every key, a dashboard part or a named cache's entry, is read here, through
 * L1, then L2, then its loader, with one load per key in flight in this instance and, through a
 * short lease in L2, one per key across all instances.
 *
 * <pre>{@code
 * TieredCache engine = ...;                                   // CoreAssembly builds it
 * DashboardRead read = engine.read(key, policy, loader);      // L1_HIT, L2_HIT, MISS or STALE
 * }</pre>
 *
 * <ol>
 *   <li>A fresh L1 entry answers at once ({@code L1_HIT}): one hash lookup, no I/O.</li>
 *   <li>Else one round trip to L2 reads the value and its key's version; a fresh, current value
 *       fills L1 and answers ({@code L2_HIT}).</li>
 *   <li>A fresh hit may start one background refresh ahead of expiry ({@link RefreshAhead}).</li>
 *   <li>A value past its logical expiry but inside its grace period answers at once
 *       ({@code STALE}) while one background refresh runs (none for a second after a refresh
 *       failed, so a failing source is not asked once per request). A value whose scope was
 *       invalidated is never served, stale or not.</li>
 *   <li>Else one caller loads ({@code MISS}) while the others in this instance that saw the same
 *       version wait for it (one that comes after an invalidation never waits for, and gets, a load
 *       begun before it). It first takes the key's load lease: if another instance holds it, the
 *       caller looks at L2 the moment that instance says it stored the value ({@link StoreNotices}),
 *       and a few milliseconds apart in case the notice is lost, until the value is there ({@code L2_HIT}), the lease frees up (it then loads itself) or the lease wait is over (it
 *       loads without a lease). The write back to L2 is a compare-and-set on the version read
 *       before the load (and is skipped after a cache-wide invalidation, which moves no version),
 *       so a load overtaken by an invalidation stores nothing; the caller still gets the value it
 *       asked for. The lease is given back after the write.</li>
 * </ol>
 *
 * A loaded value that would weigh more than the settings' {@code maxValueBytes} stored in L2
 * ({@link SharedCacheTier#storedBytes}: after compression, for a tier that compresses) is served but
 * cached in neither tier; L1 always holds the payload as it is, and weighs it so. When L2 fails, the read goes on with L1 and the loader, without a lease: no request fails
 * because of Redis alone. What a key's value lives for comes from its {@link CachePolicy}, or from
 * the loader when it chose a TTL for that value.
 */
public final class TieredCache {

    private static final Logger LOG = LoggerFactory.getLogger(TieredCache.class);
    /** How long a key's background refresh rests after one failed. */
    static final Duration REFRESH_RETRY_PAUSE = Duration.ofSeconds(1);
    private static final int MAX_PAUSED_REFRESHES = 10_000;

    /** Who loads a key on a miss: the engine for a dashboard part, the application for a named entry. */
    @FunctionalInterface
    public interface Loader {

        /** @throws SourceUnavailableException when the source fails, is too slow or cannot be reached */
        SourceAnswer load(EntryKey key);
    }

    /** Loads many keys in one call; a key it leaves out of its answer has no value. */
    @FunctionalInterface
    public interface BulkLoader<K extends EntryKey> {

        Map<K, SourceAnswer> loadAll(List<K> keys);
    }

    /** What a load does when another instance holds the key's lease. */
    private enum Contention {
        /** wait for the other instance's value (a reader needs an answer) */
        WAIT,
        /** leave the load to the other instance (a refresh or a warm task) */
        SKIP
    }

    private final LocalCacheTier local;
    private final SharedCacheTier shared;
    private final LoadLeases leases;
    private final StoreNotices notices;
    private final LocalFillGuard guard;
    private final CacheMetrics metrics;
    private final TimeSource time;
    private final Executor refresher;
    private final RandomGenerator random;
    private final RefreshAhead refreshAhead;
    private final ReadPathSettings settings;
    private final SingleFlight<Flight, DashboardRead> flights;
    private final ConcurrentMap<EntryKey, Instant> refreshPausedUntil = new ConcurrentHashMap<>();
    private final OutageFloors floors = new OutageFloors();
    /** Told of each value L1 keeps (the change feed's hold waits for them); nobody by default. */
    private volatile Consumer<EntryKey> filled = key -> { };

    /**
     * @param leases       the cross-instance load leases ({@link LoadLeases#UNSHARED} when alone)
     * @param refresher    runs stale-while-revalidate and refresh-ahead loads (a small bounded pool that
     *                     drops what it cannot take: a refresh is never worth blocking a reader for)
     * @param random       the TTL jitter's randomness; shared by threads, so thread-safe
     * @param refreshAhead when a fresh hit is reloaded ahead of its expiry ({@link RefreshAhead#OFF}: never)
     */
    public TieredCache(LocalCacheTier local, SharedCacheTier shared, LoadLeases leases, LocalFillGuard guard,
                       CacheMetrics metrics, TimeSource time, Executor refresher, RandomGenerator random,
                       RefreshAhead refreshAhead, ReadPathSettings settings) {
        this(local, shared, leases, StoreNotices.NONE, guard, metrics, time, refresher, random, refreshAhead, settings);
    }

    /**
     * @param notices wakes a request waiting for another instance's load the moment its value is stored
     *                ({@link StoreNotices#NONE}: it looks at L2 after each pause only)
     */
    public TieredCache(LocalCacheTier local, SharedCacheTier shared, LoadLeases leases, StoreNotices notices,
                       LocalFillGuard guard, CacheMetrics metrics, TimeSource time, Executor refresher,
                       RandomGenerator random, RefreshAhead refreshAhead, ReadPathSettings settings) {
        this.local = Objects.requireNonNull(local, "local");
        this.shared = Objects.requireNonNull(shared, "shared");
        this.leases = Objects.requireNonNull(leases, "leases");
        this.notices = Objects.requireNonNull(notices, "notices");
        this.guard = Objects.requireNonNull(guard, "guard");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.time = Objects.requireNonNull(time, "time");
        this.refresher = Objects.requireNonNull(refresher, "refresher");
        this.random = Objects.requireNonNull(random, "random");
        this.refreshAhead = Objects.requireNonNull(refreshAhead, "refreshAhead");
        this.settings = Objects.requireNonNull(settings, "settings");
        // a request may wait for a load in this instance that itself waits for another instance's
        Duration maxWait = settings.maxWaitForLoad().plus(settings.leaseWait());
        this.flights = new SingleFlight<>(maxWait, () -> new SourceUnavailableException(
                SourceUnavailableException.Reason.TIMEOUT, "waited " + maxWait.toMillis()
                + " ms for another request's load of the same data"));
    }

    /**
     * Reads one key through the tiers.
     *
     * @throws SourceUnavailableException when no tier holds it (not even stale) and the loader fails
     */
    public DashboardRead read(EntryKey key, CachePolicy policy, Loader loader) {
        // the L1 hit is the hottest path there is: one clock read in millis, no Instant, no timer
        long nowMillis = time.millis();
        CacheEntry inL1 = localIfTrusted(key, nowMillis);
        if (inL1 != null && inL1.isFreshAt(nowMillis)) {
            if (refreshAhead.shouldRefresh(inL1, nowMillis)) {
                refreshAheadIfDue(key, inL1, time.instant(), policy, loader);
            }
            metrics.recordL1Hit(key.cache());
            return new DashboardRead(inL1, CacheOutcome.L1_HIT);
        }
        long started = time.nanoTime();
        Instant now = Instant.ofEpochMilli(nowMillis);
        try {
            long stamp = guard.stamp(key);
            DashboardRead answer = readBeyondL1(key, inL1, now, stamp, readShared(key), policy, loader);
            metrics.recordRead(key.cache(), answer.outcome(), time.nanoTime() - started);
            return answer;
        } catch (RuntimeException e) {
            metrics.recordReadError(key.cache(), time.nanoTime() - started);
            throw e;
        }
    }

    /**
     * What a read that does not load saw: the value when a tier holds it fresh (or servable stale), and
     * otherwise what a value loaded after this miss must be stored under ({@link #storeIfUnchanged}), so
     * that an invalidation between the miss and the store refuses it, as it refuses any load.
     */
    public record Lookup(Optional<CacheEntry> entry, SharedRead seen, long stamp, long wideStamp) {
    }

    public Lookup lookup(EntryKey key) {
        long started = time.nanoTime();
        Instant now = time.instant();
        CacheEntry inL1 = localIfTrusted(key);
        long wideStamp = guard.wideStamp();
        long stamp = guard.stamp(key);
        if (inL1 != null && inL1.isFresh(now)) {
            metrics.recordL1Hit(key.cache());
            return new Lookup(Optional.of(inL1), SharedRead.unavailable(), stamp, wideStamp);
        }
        SharedRead inL2 = readShared(key);
        if (inL2.holdsValue() && !inL2.entry().isExpired(now)) {
            boolean fresh = inL2.entry().isFresh(now);
            if (fresh) {
                fillLocal(key, inL2.entry(), stamp);
            }
            metrics.recordRead(key.cache(), fresh ? CacheOutcome.L2_HIT : CacheOutcome.STALE,
                    time.nanoTime() - started);
            return new Lookup(Optional.of(inL2.entry()), inL2, stamp, wideStamp);
        }
        // the caller loads and stores what it loaded (storeIfUnchanged): a miss, as a read that loads
        metrics.recordRead(key.cache(), CacheOutcome.MISS, time.nanoTime() - started);
        return new Lookup(Optional.empty(), inL2, stamp, wideStamp);
    }

    /**
     * Stores a value loaded after {@code miss} (Spring's {@code @Cacheable} without {@code sync}: look up,
     * call the method, put) under the compare-and-set of an ordinary load: refused when the key was
     * invalidated since the miss, here or on any instance.
     *
     * @return whether it was kept
     */
    public boolean storeIfUnchanged(EntryKey key, byte[] value, CachePolicy policy, Lookup miss) {
        return storeWritten(key, value, policy, miss.seen(), miss.stamp(), miss.wideStamp());
    }

    /**
     * Many keys at once: L1 answers what it can, L2 the rest in one {@code readAll} (one round trip per
     * hash slot); what L2 answers fresh is served on the caller's thread, and only the rest (true misses,
     * stale values, invalidated scopes) runs on {@code loads}, each through the usual single flight, lease
     * and compare-and-set. Each distinct key once, in the order given; a part that failed carries its failure.
     */
    public <K extends EntryKey> Map<K, PartRead> readAll(List<K> keys, java.util.function.Function<K, CachePolicy> policies,
                                                         Loader loader, Executor loads) {
        Batch<K> batch = new Batch<>(keys);
        Map<K, CompletableFuture<DashboardRead>> loading = new LinkedHashMap<>();
        for (int i = 0; i < batch.beyondL1.size(); i++) {
            K key = batch.beyondL1.get(i);
            SharedRead seen = batch.inL2.get(i);
            long stamp = batch.stamps[i];
            CachePolicy policy = policies.apply(key);
            if (seen.holdsValue() && seen.entry().isFresh(time.instant())) {
                batch.answers.put(key, attempt(() -> readPrefetched(key, seen, stamp, policy, loader)));
            } else {
                loading.put(key, CompletableFuture.supplyAsync(() -> readPrefetched(key, seen, stamp, policy, loader),
                        loads));
            }
        }
        loading.forEach((key, future) -> batch.answers.put(key, outcome(future)));
        return batch.answers;
    }

    /**
     * Many keys at once, the misses loaded by one call of {@code loader} (a bulk query, say) instead of
     * one load per key. Each loaded value is stored under the compare-and-set like any other load; the
     * bulk load itself takes no lease and shares no flight (another reader of one of these keys may
     * load it once more meanwhile).
     */
    public <K extends EntryKey> Map<K, PartRead> readAll(List<K> keys, CachePolicy policy, BulkLoader<K> loader) {
        Batch<K> batch = new Batch<>(keys);
        Instant now = time.instant();
        List<K> misses = new ArrayList<>();
        List<Integer> missIndexes = new ArrayList<>();
        for (int i = 0; i < batch.beyondL1.size(); i++) {
            K key = batch.beyondL1.get(i);
            SharedRead seen = batch.inL2.get(i);
            if (seen.holdsValue() && seen.entry().isFresh(now)) {
                fillLocal(key, seen.entry(), batch.stamps[i]);
                metrics.recordRead(key.cache(), CacheOutcome.L2_HIT, 0);
                batch.answers.put(key, PartRead.of(new DashboardRead(seen.entry(), CacheOutcome.L2_HIT)));
            } else {
                misses.add(key);
                missIndexes.add(i);
            }
        }
        if (misses.isEmpty()) {
            return batch.answers;
        }
        long wideStamp = guard.wideStamp();
        long started = time.nanoTime();
        Map<K, SourceAnswer> loaded;
        try {
            loaded = Objects.requireNonNull(loader.loadAll(List.copyOf(misses)), "the bulk loader answered null");
        } catch (RuntimeException e) {
            metrics.recordLoad(misses.get(0).cache(), time.nanoTime() - started, false);
            misses.forEach(key -> batch.answers.put(key, PartRead.failed(e)));
            return batch.answers;
        }
        long took = time.nanoTime() - started;
        metrics.recordLoad(misses.get(0).cache(), took, true);
        for (int m = 0; m < misses.size(); m++) {
            K key = misses.get(m);
            int i = missIndexes.get(m);
            SourceAnswer answer = loaded.getOrDefault(key, SourceAnswer.notFound());
            DashboardRead read = store(key, answer, batch.inL2.get(i), batch.stamps[i], wideStamp,
                    Duration.ofNanos(took), policy);
            metrics.recordRead(key.cache(), CacheOutcome.MISS, took);
            batch.answers.put(key, PartRead.of(read));
        }
        return batch.answers;
    }

    /** The first two steps of a batch: L1, then one L2 read of the rest (guard stamps taken before it). */
    private final class Batch<K extends EntryKey> {

        final Map<K, PartRead> answers = new LinkedHashMap<>();
        final List<K> beyondL1 = new ArrayList<>();
        final long[] stamps;
        final List<SharedRead> inL2;

        Batch(List<K> keys) {
            Instant now = time.instant();
            for (K key : new LinkedHashSet<>(keys)) {
                CacheEntry inL1 = localIfTrusted(key);
                if (inL1 != null && inL1.isFresh(now)) {
                    metrics.recordL1Hit(key.cache());
                    answers.put(key, PartRead.of(new DashboardRead(inL1, CacheOutcome.L1_HIT)));
                } else {
                    answers.put(key, null); // keeps the order; answered below
                    beyondL1.add(key);
                }
            }
            stamps = new long[beyondL1.size()];
            for (int i = 0; i < stamps.length; i++) {
                stamps[i] = guard.stamp(beyondL1.get(i));
            }
            inL2 = beyondL1.isEmpty() ? List.of() : readSharedAll(beyondL1);
        }
    }

    private static PartRead attempt(java.util.function.Supplier<DashboardRead> read) {
        try {
            return PartRead.of(read.get());
        } catch (RuntimeException e) {
            return PartRead.failed(e);
        }
    }

    private static PartRead outcome(CompletableFuture<DashboardRead> future) {
        try {
            return PartRead.of(future.join());
        } catch (CompletionException e) {
            return PartRead.failed(e.getCause() instanceof RuntimeException cause ? cause : e);
        }
    }

    /**
     * Loads {@code key} into the tiers unless L1 or L2 holds a value that stays fresh past
     * {@code freshBeyond} (or past now, whichever is later). Never waits for another instance's load.
     *
     * @throws SourceUnavailableException when the loader fails
     */
    public WarmOutcome warm(EntryKey key, Instant freshBeyond, CachePolicy policy, Loader loader) {
        Instant now = time.instant();
        Instant mustOutlive = freshBeyond.isAfter(now) ? freshBeyond : now;
        if (freshBeyond(local.getIfPresent(key), mustOutlive)) {
            return WarmOutcome.ALREADY_FRESH;
        }
        long stamp = guard.stamp(key);
        SharedRead inL2 = readShared(key);
        if (freshBeyond(inL2.entry(), mustOutlive)) {
            fillLocal(key, inL2.entry(), stamp);
            return WarmOutcome.ALREADY_FRESH;
        }
        Optional<DashboardRead> loaded = flights.run(Flight.of(key, inL2, stamp),
                () -> loadShared(key, inL2, stamp, mustOutlive, Contention.SKIP, policy, loader));
        if (loaded.isEmpty()) {
            return WarmOutcome.LOADING_ELSEWHERE;
        }
        return loaded.get().outcome() == CacheOutcome.MISS ? WarmOutcome.WARMED : WarmOutcome.ALREADY_FRESH;
    }

    /**
     * Takes the next value another instance stores of each of these keys (an invalidation just dropped them
     * from L1, so they were read lately): when its store notice comes, within the lease wait, one L2 read on
     * the refresher fills L1, exactly as an L2 hit would: only a value stored under the key's version now,
     * and not if another invalidation came meanwhile. A key a reader filled first, a lost notice or a full
     * refresher leaves the key to its next reader.
     */
    public void followStores(Collection<? extends EntryKey> keys) {
        for (EntryKey key : keys) {
            AtomicBoolean taken = new AtomicBoolean();
            AtomicReference<StoreNotices.Watch> watch = new AtomicReference<>();
            watch.set(notices.watch(key, settings.leaseWait(), () -> {
                if (taken.compareAndSet(false, true)) {
                    StoreNotices.Watch mine = watch.get();
                    if (mine != null) {
                        mine.cancel();
                    }
                    try {
                        refresher.execute(() -> takeStored(key));
                    } catch (RejectedExecutionException full) {
                        // the next reader finds it in L2
                    }
                }
            }));
        }
    }

    private void takeStored(EntryKey key) {
        if (local.getIfPresent(key) != null) {
            return; // a reader (or this instance's own load) was first
        }
        long stamp = guard.stamp(key);
        SharedRead seen = readShared(key);
        if (seen.holdsValue() && seen.entry().isFresh(time.instant())) {
            fillLocal(key, seen.entry(), stamp);
        }
    }

    /**
     * Stores a value the application wrote (a {@code put}) in both tiers, under the key's version now.
     * The caller first invalidates the key's own scope, so every load begun before the put is refused and
     * every other instance drops its copy; a put overtaken by another invalidation stores nothing.
     *
     * @return whether L2 took it (always true when L2 is down: then L1 alone holds it)
     */
    public boolean store(EntryKey key, byte[] value, CachePolicy policy) {
        long wideStamp = guard.wideStamp();
        long stamp = guard.stamp(key);
        return storeWritten(key, value, policy, readShared(key), stamp, wideStamp);
    }

    private boolean storeWritten(EntryKey key, byte[] value, CachePolicy policy, SharedRead seen, long stamp,
                                 long wideStamp) {
        Instant now = time.instant();
        CacheEntry entry = CacheEntry.loaded(value, now, policy.logicalTtl(random), policy.grace(),
                seen.available() ? seen.scopeVersion() : 0);
        rememberIfUnshared(key, entry, seen);
        if (tooLarge(entry)) {
            metrics.recordUncacheable(key.cache());
            return false;
        }
        return keep(key, entry, seen, stamp, wideStamp, now);
    }

    private DashboardRead readPrefetched(EntryKey key, SharedRead inL2, long stamp, CachePolicy policy,
                                         Loader loader) {
        long started = time.nanoTime();
        try {
            DashboardRead answer = readBeyondL1(key, localIfTrusted(key), time.instant(), stamp, inL2, policy,
                    loader);
            metrics.recordRead(key.cache(), answer.outcome(), time.nanoTime() - started);
            return answer;
        } catch (RuntimeException e) {
            metrics.recordReadError(key.cache(), time.nanoTime() - started);
            throw e;
        }
    }

    private DashboardRead readBeyondL1(EntryKey key, CacheEntry inL1, Instant now, long stamp, SharedRead inL2,
                                       CachePolicy policy, Loader loader) {
        if (inL2.holdsValue()) {
            CacheEntry entry = inL2.entry();
            if (entry.isFresh(now)) {
                fillLocal(key, entry, stamp);
                if (refreshAhead.shouldRefresh(entry, now.toEpochMilli())) {
                    refreshAheadIfDue(key, entry, now, policy, loader);
                }
                return new DashboardRead(entry, CacheOutcome.L2_HIT);
            }
            if (entry.isServableStale(now)) {
                refreshInBackground(key, now, inL2, stamp, policy, loader);
                return new DashboardRead(entry, CacheOutcome.STALE);
            }
        }
        // L1 may still hold a stale value L2 lost (Redis down or flushed): serve it only while
        // nothing says its scope moved on.
        if (inL1 != null && inL1.isServableStale(now)
                && (!inL2.available() || inL2.scopeVersion() == inL1.scopeVersion())) {
            refreshInBackground(key, now, inL2, stamp, policy, loader);
            return new DashboardRead(inL1, CacheOutcome.STALE);
        }
        return flights.run(Flight.of(key, inL2, stamp),
                () -> loadShared(key, inL2, stamp, now, Contention.WAIT, policy, loader)).orElseThrow();
    }

    /** A fresh hit that XFetch says to reload now: one background refresh, as for a stale value. */
    private void refreshAheadIfDue(EntryKey key, CacheEntry entry, Instant now, CachePolicy policy, Loader loader) {
        if (refreshAhead.refreshNow(entry, now)) {
            Instant pausedUntil = refreshPausedUntil.get(key);
            if (pausedUntil != null && now.isBefore(pausedUntil)) {
                return;
            }
            Flight flight = new Flight(key, entry.scopeVersion(), -2);
            flights.runInBackground(flight, () -> {
                try {
                    WarmOutcome outcome = warm(key, entry.freshUntil(), policy, loader);
                    metrics.recordWarm(WarmKind.BACKGROUND, outcome);
                } catch (RuntimeException e) {
                    pauseRefreshes(key);
                    metrics.recordWarm(WarmKind.BACKGROUND, WarmOutcome.FAILED);
                    LOG.debug("refresh ahead of {} failed: {}", key, e.getMessage());
                }
                return Optional.empty();
            }, refresher);
        }
    }

    private void refreshInBackground(EntryKey key, Instant now, SharedRead seen, long seenStamp, CachePolicy policy,
                                     Loader loader) {
        Instant pausedUntil = refreshPausedUntil.get(key);
        if (pausedUntil != null && now.isBefore(pausedUntil)) {
            return;
        }
        flights.runInBackground(Flight.of(key, seen, seenStamp), () -> {
            long stamp = guard.stamp(key);
            try {
                Optional<DashboardRead> refreshed = loadShared(key, readShared(key), stamp, time.instant(),
                        Contention.SKIP, policy, loader);
                refreshPausedUntil.remove(key);
                return refreshed;
            } catch (RuntimeException e) {
                pauseRefreshes(key);
                LOG.debug("background refresh of {} failed, serving stale meanwhile: {}", key, e.getMessage());
                throw e;
            }
        }, refresher);
    }

    private void pauseRefreshes(EntryKey key) {
        if (refreshPausedUntil.size() >= MAX_PAUSED_REFRESHES) {
            refreshPausedUntil.clear(); // a bound, not a policy: losing the pauses costs a few early retries
        }
        refreshPausedUntil.put(key, time.instant().plus(REFRESH_RETRY_PAUSE));
    }

    /**
     * One load of {@code key} across the instances: under the key's lease, or, when another instance
     * holds it, that instance's value (WAIT) or nothing at all (SKIP: empty).
     *
     * @param mustOutlive a value in L2 fresh past this moment makes the load unnecessary
     */
    private Optional<DashboardRead> loadShared(EntryKey key, SharedRead inL2, long stamp, Instant mustOutlive,
                                               Contention contention, CachePolicy policy, Loader loader) {
        if (!inL2.available()) {
            return Optional.of(load(key, inL2, stamp, policy, loader)); // L2 is down, and the leases live there too
        }
        Optional<Lease> lease;
        try {
            lease = leases.tryAcquire(key, settings.leaseTtl());
        } catch (CacheTierUnavailableException e) {
            tierError("lease", key, e);
            return Optional.of(load(key, inL2, stamp, policy, loader));
        }
        if (lease.isPresent()) {
            return Optional.of(loadUnderLease(key, lease.get(), inL2, stamp, mustOutlive, policy, loader));
        }
        return contention == Contention.SKIP ? Optional.empty()
                : Optional.of(awaitOtherInstance(key, inL2, stamp, mustOutlive, policy, loader));
    }

    private DashboardRead loadUnderLease(EntryKey key, Lease lease, SharedRead before, long stamp,
                                         Instant mustOutlive, CachePolicy policy, Loader loader) {
        try {
            // the previous holder may have stored its value between our read and our lease
            SharedRead inL2 = readShared(key);
            if (freshBeyond(inL2.entry(), mustOutlive)) {
                fillLocal(key, inL2.entry(), stamp);
                return new DashboardRead(inL2.entry(), CacheOutcome.L2_HIT);
            }
            return load(key, inL2.available() ? inL2 : before, stamp, policy, loader);
        } finally {
            release(lease);
        }
    }

    /**
     * Another instance is loading: look at L2 the moment it says it stored a value of the key (a
     * {@link StoreNotices} notice), and a few milliseconds apart meanwhile, in case a notice is lost.
     */
    private DashboardRead awaitOtherInstance(EntryKey key, SharedRead inL2, long stamp, Instant mustOutlive,
                                             CachePolicy policy, Loader loader) {
        long started = time.nanoTime();
        long deadline = started + settings.leaseWait().toNanos();
        long pause = settings.leasePoll().toNanos();
        long maxPause = pause * 8;
        SharedRead last = inL2;
        Semaphore stored = new Semaphore(0);
        StoreNotices.Watch watch = notices.watch(key, settings.leaseWait(), stored::release);
        try {
            while (time.nanoTime() - deadline < 0) {
                if (!stored.tryAcquire(Math.min(pause, Math.max(1, deadline - time.nanoTime())), TimeUnit.NANOSECONDS)) {
                    pause = Math.min(pause * 2, maxPause); // no notice: the next look comes later
                }
                stored.drainPermits(); // one look answers every notice heard so far
                SharedRead seen = readShared(key);
                if (!seen.available()) {
                    metrics.recordLeaseWait(key.cache(), time.nanoTime() - started, false);
                    return load(key, seen, stamp, policy, loader);
                }
                last = seen;
                if (freshBeyond(seen.entry(), mustOutlive)) {
                    metrics.recordLeaseWait(key.cache(), time.nanoTime() - started, true);
                    fillLocal(key, seen.entry(), stamp);
                    return new DashboardRead(seen.entry(), CacheOutcome.L2_HIT);
                }
                Optional<Lease> lease;
                try {
                    lease = leases.tryAcquire(key, settings.leaseTtl());
                } catch (CacheTierUnavailableException e) {
                    tierError("lease", key, e);
                    break;
                }
                if (lease.isPresent()) {
                    // the holder gave up without a value (failed, refused by the CAS) or died: our turn
                    metrics.recordLeaseWait(key.cache(), time.nanoTime() - started, false);
                    return loadUnderLease(key, lease.get(), seen, stamp, mustOutlive, policy, loader);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // shutting down: no more waiting
        } finally {
            watch.cancel();
        }
        metrics.recordLeaseWait(key.cache(), time.nanoTime() - started, false);
        return load(key, last, stamp, policy, loader);
    }

    private void release(Lease lease) {
        try {
            leases.release(lease);
        } catch (CacheTierUnavailableException e) {
            tierError("lease release", lease.key(), e); // it expires by itself
        }
    }

    /** Loads from the source and writes back under the version read before the load began. */
    private DashboardRead load(EntryKey key, SharedRead inL2, long stamp, CachePolicy policy, Loader loader) {
        long started = time.nanoTime();
        Instant loadStarted = time.instant();
        // taken before the source is asked: a cache-wide invalidation after it moves no version the CAS could see
        long wideStamp = guard.wideStamp();
        SourceAnswer answer;
        try {
            answer = Objects.requireNonNull(loader.load(key), "the loader answered null");
        } catch (RuntimeException e) { // an application's loader may throw anything
            metrics.recordLoad(key.cache(), time.nanoTime() - started, false);
            throw e;
        }
        metrics.recordLoad(key.cache(), time.nanoTime() - started, true);
        Instant now = time.instant();
        Duration took = now.isAfter(loadStarted) ? Duration.between(loadStarted, now) : Duration.ZERO;
        return store(key, answer, inL2, stamp, wideStamp, took, policy);
    }

    /** A loaded answer as an entry, kept in the tiers unless an invalidation overtook its load. */
    private DashboardRead store(EntryKey key, SourceAnswer answer, SharedRead inL2, long stamp, long wideStamp,
                                Duration took, CachePolicy policy) {
        Instant now = time.instant();
        long version = inL2.available() ? inL2.scopeVersion() : 0;
        CacheEntry entry;
        if (answer instanceof SourceAnswer.Found found) {
            CachePolicy chosen = found.ttl().map(policy::withTtl).orElse(policy);
            entry = CacheEntry.loaded(found.json(), now, chosen.logicalTtl(random), chosen.grace(), version, took);
            rememberIfUnshared(key, entry, inL2);
            if (tooLarge(entry)) {
                metrics.recordUncacheable(key.cache());
                LOG.debug("{} is {} bytes, over the {} bytes a cached value may weigh stored: served, not cached",
                        key, found.json().length, settings.maxValueBytes());
                return new DashboardRead(entry, CacheOutcome.MISS);
            }
        } else {
            entry = CacheEntry.absent(now, policy.absentTtl(), version);
            rememberIfUnshared(key, entry, inL2);
            if (!policy.cachesAbsence()) {
                return new DashboardRead(entry, CacheOutcome.MISS);
            }
        }
        keep(key, entry, inL2, stamp, wideStamp, now);
        return new DashboardRead(entry, CacheOutcome.MISS);
    }

    /** Into L2 under the compare-and-set, then L1 under the fill guard; false when an invalidation came first. */
    private boolean keep(EntryKey key, CacheEntry entry, SharedRead seen, long stamp, long wideStamp, Instant now) {
        if (guard.noWideInvalidationSince(wideStamp) && (!seen.available() || writeShared(key, entry, now))) {
            fillLocal(key, entry, stamp);
            return guard.unchangedSince(key, stamp);
        }
        return false;
    }

    /** Over the size limit as L2 would store it: the payload alone decides unless it is over the limit itself. */
    private boolean tooLarge(CacheEntry entry) {
        return entry.payload().length > settings.maxValueBytes() && shared.storedBytes(entry) > settings.maxValueBytes();
    }

    /** Whether {@code entry} exists and is still fresh at {@code moment}. */
    private static boolean freshBeyond(CacheEntry entry, Instant moment) {
        return entry != null && entry.freshUntil().isAfter(moment);
    }

    /** L1's entry, unless L1 may have missed invalidations (its subscription is down): then none. */
    private CacheEntry localIfTrusted(EntryKey key) {
        return guard.localTrusted() ? local.getIfPresent(key) : null;
    }

    private CacheEntry localIfTrusted(EntryKey key, long nowMillis) {
        return guard.localTrusted() ? local.getIfPresent(key, nowMillis) : null;
    }

    /** Served from the source while L2 could not take it: no older L2 value may be served after it. */
    private void rememberIfUnshared(EntryKey key, CacheEntry entry, SharedRead seen) {
        if (!seen.available()) {
            floors.raise(key, entry);
        }
    }

    /** Keys whose value was loaded while L2 could not take it, and whose L2 value is still older. */
    public int keysNewerThanShared() {
        return floors.size();
    }

    /**
     * L2's answer, as far as it may be trusted: none while an invalidation of the key's scopes is pending
     * (L2 still holds what it made stale), and a miss for a value older than one served while L2 was away.
     */
    private SharedRead readShared(EntryKey key) {
        if (!guard.sharedTrusted(key)) {
            return SharedRead.unavailable();
        }
        try {
            return floors.filter(key, shared.read(key));
        } catch (CacheTierUnavailableException e) {
            tierError("read", key, e);
            return SharedRead.unavailable();
        }
    }

    private List<SharedRead> readSharedAll(List<? extends EntryKey> keys) {
        try {
            List<SharedRead> reads = new ArrayList<>(shared.readAll(keys));
            for (int i = 0; i < reads.size(); i++) {
                EntryKey key = keys.get(i);
                reads.set(i, guard.sharedTrusted(key) ? floors.filter(key, reads.get(i)) : SharedRead.unavailable());
            }
            return reads;
        } catch (CacheTierUnavailableException e) {
            tierError("batch read", keys.get(0), e);
            List<SharedRead> none = new ArrayList<>(keys.size());
            keys.forEach(key -> none.add(SharedRead.unavailable()));
            return none;
        }
    }

    /** @return whether L1 may keep the value too: false when an invalidation overtook the load */
    private boolean writeShared(EntryKey key, CacheEntry entry, Instant now) {
        try {
            if (shared.writeIfVersion(key, entry, entry.remainingLifetime(now))) {
                return true;
            }
            metrics.recordStaleWriteRefused(key.cache());
            return false;
        } catch (CacheTierUnavailableException e) {
            tierError("write", key, e);
            return true;
        }
    }

    private void tierError(String operation, EntryKey key, CacheTierUnavailableException e) {
        metrics.recordTierError(operation);
        LOG.debug("L2 {} of {} failed, going on without it: {}", operation, key, e.getMessage());
    }

    private void fillLocal(EntryKey key, CacheEntry entry, long stamp) {
        local.put(key, entry);
        if (!guard.unchangedSince(key, stamp)) {
            local.remove(key);
        } else {
            filled.accept(key);
        }
    }

    /**
     * Tells {@code listener} of every value L1 keeps from now on (after the fill guard let it stay, so one
     * loaded after any invalidation of its scopes), on the filling thread: it must return at once. One
     * listener; a second replaces the first.
     */
    public void whenFilled(Consumer<EntryKey> listener) {
        this.filled = Objects.requireNonNull(listener, "listener");
    }

    /**
     * What a load is shared under: the key, and what its first reader saw of the key's scopes (the L2
     * version, {@code -1} when L2 could not be read, and this instance's guard stamp). Readers that
     * come after an invalidation see something else, so they never wait for, and get, a value
     * loaded before it.
     */
    private record Flight(EntryKey key, long version, long stamp) {

        static Flight of(EntryKey key, SharedRead seen, long stamp) {
            return new Flight(key, seen.scopeVersion(), stamp);
        }
    }
}
