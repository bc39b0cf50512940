package io.dashcache.application.service;

import io.dashcache.application.port.in.DashboardRead;
import io.dashcache.application.port.in.GetDashboardData;
import io.dashcache.application.port.in.WarmOutcome;
import io.dashcache.application.port.out.CacheMetrics;
import io.dashcache.application.port.out.CacheTierUnavailableException;
import io.dashcache.application.port.out.DashboardSource;
import io.dashcache.application.port.out.LoadLeases;
import io.dashcache.application.port.out.LoadLeases.Lease;
import io.dashcache.application.port.out.LocalCacheTier;
import io.dashcache.application.port.out.SharedCacheTier;
import io.dashcache.application.port.out.SharedCacheTier.SharedRead;
import io.dashcache.application.port.out.SourceAnswer;
import io.dashcache.application.port.out.SourceUnavailableException;
import io.dashcache.domain.CacheEntry;
import io.dashcache.domain.CacheKey;
import io.dashcache.domain.CacheOutcome;
import io.dashcache.domain.TtlPolicy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executor;
import java.util.concurrent.locks.LockSupport;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The read path: L1, then L2, then the engine, with one load per key in flight in this instance
 * and, through a short lease in L2, one per key across all instances.
 *
 * <ol>
 *   <li>A fresh L1 entry answers at once ({@code L1_HIT}): one hash lookup, no I/O.</li>
 *   <li>Else one round trip to L2 reads the value and its scope's version; a fresh, current
 *       value fills L1 and answers ({@code L2_HIT}).</li>
 *   <li>A value past its logical expiry but inside its grace period answers at once
 *       ({@code STALE}) while one background refresh runs (none for a second after a refresh
 *       failed, so a failing engine is not asked once per request). A value whose scope was
 *       invalidated is never served, stale or not.</li>
 *   <li>Else one caller loads ({@code MISS}) while the others in this instance that saw the same
 *       version wait for it (one that comes after an invalidation never waits for, and gets, a load
 *       begun before it). It first takes the key's load lease: if another instance holds it, the
 *       caller looks at L2 every few milliseconds until that instance's value arrives
 *       ({@code L2_HIT}), the lease frees up (it then loads itself) or the lease wait is over (it
 *       loads without a lease). The write back to L2 is a
 *       compare-and-set on the version read before the load (and is skipped after a type-wide
 *       invalidation, which moves no version), so a load overtaken by an invalidation stores
 *       nothing; the caller still gets the value it asked for. The lease is given back after the
 *       write.</li>
 * </ol>
 *
 * An engine answer larger than the settings' {@code maxValueBytes} is served but cached in neither
 * tier. When L2 fails, the read goes on with L1 and the engine, without a lease: no request fails
 * because of Redis alone.
 */
public final class TieredDashboardReader implements GetDashboardData, KeyWarmer {

    private static final Logger LOG = LoggerFactory.getLogger(TieredDashboardReader.class);
    /** How long a key's background refresh rests after one failed. */
    static final Duration REFRESH_RETRY_PAUSE = Duration.ofSeconds(1);
    private static final int MAX_PAUSED_REFRESHES = 10_000;

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
    private final DashboardSource source;
    private final TtlPolicy ttls;
    private final LocalFillGuard guard;
    private final CacheMetrics metrics;
    private final Clock clock;
    private final Executor refresher;
    private final RandomGenerator random;
    private final ReadPathSettings settings;
    private final SingleFlight<Flight, DashboardRead> flights;
    private final ConcurrentMap<CacheKey, Instant> refreshPausedUntil = new ConcurrentHashMap<>();

    /** Without leases (one instance, or tests) and with the default settings. */
    public TieredDashboardReader(LocalCacheTier local, SharedCacheTier shared, DashboardSource source, TtlPolicy ttls,
                                 LocalFillGuard guard, CacheMetrics metrics, Clock clock, Executor refresher,
                                 RandomGenerator random, Duration maxWaitForLoad) {
        this(local, shared, LoadLeases.UNSHARED, source, ttls, guard, metrics, clock, refresher, random,
                ReadPathSettings.defaults(maxWaitForLoad));
    }

    /**
     * @param leases    the cross-instance load leases ({@link LoadLeases#UNSHARED} when alone)
     * @param refresher runs stale-while-revalidate refreshes (a small bounded pool)
     * @param random    the TTL jitter's randomness; shared by threads, so thread-safe
     */
    public TieredDashboardReader(LocalCacheTier local, SharedCacheTier shared, LoadLeases leases,
                                 DashboardSource source, TtlPolicy ttls, LocalFillGuard guard, CacheMetrics metrics,
                                 Clock clock, Executor refresher, RandomGenerator random, ReadPathSettings settings) {
        this.local = Objects.requireNonNull(local, "local");
        this.shared = Objects.requireNonNull(shared, "shared");
        this.leases = Objects.requireNonNull(leases, "leases");
        this.source = Objects.requireNonNull(source, "source");
        this.ttls = Objects.requireNonNull(ttls, "ttls");
        this.guard = Objects.requireNonNull(guard, "guard");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.refresher = Objects.requireNonNull(refresher, "refresher");
        this.random = Objects.requireNonNull(random, "random");
        this.settings = Objects.requireNonNull(settings, "settings");
        // a request may wait for a load in this instance that itself waits for another instance's
        Duration maxWait = settings.maxWaitForLoad().plus(settings.leaseWait());
        this.flights = new SingleFlight<>(maxWait, () -> new SourceUnavailableException(
                SourceUnavailableException.Reason.TIMEOUT, "waited " + maxWait.toMillis()
                + " ms for another request's load of the same data"));
    }

    @Override
    public DashboardRead read(CacheKey key) {
        long started = System.nanoTime();
        CacheEntry inL1 = local.getIfPresent(key);
        Instant now = clock.instant();
        if (inL1 != null && inL1.isFresh(now)) {
            metrics.recordRead(key.type(), CacheOutcome.L1_HIT, System.nanoTime() - started);
            return new DashboardRead(inL1, CacheOutcome.L1_HIT);
        }
        try {
            DashboardRead answer = readBeyondL1(key, inL1, now);
            metrics.recordRead(key.type(), answer.outcome(), System.nanoTime() - started);
            return answer;
        } catch (RuntimeException e) {
            metrics.recordReadError(key.type(), System.nanoTime() - started);
            throw e;
        }
    }

    @Override
    public WarmOutcome warm(CacheKey key, Instant freshBeyond) {
        Instant now = clock.instant();
        Instant mustOutlive = freshBeyond.isAfter(now) ? freshBeyond : now;
        if (freshBeyond(local.getIfPresent(key), mustOutlive)) {
            return WarmOutcome.ALREADY_FRESH;
        }
        long stamp = guard.stamp(key.scope());
        SharedRead inL2 = readShared(key);
        if (inL2 != null && freshBeyond(inL2.entry(), mustOutlive)) {
            fillLocal(key, inL2.entry(), stamp);
            return WarmOutcome.ALREADY_FRESH;
        }
        DashboardRead loaded = flights.run(Flight.of(key, inL2, stamp),
                () -> loadShared(key, inL2, stamp, mustOutlive, Contention.SKIP));
        if (loaded == null) {
            return WarmOutcome.LOADING_ELSEWHERE;
        }
        return loaded.outcome() == CacheOutcome.MISS ? WarmOutcome.WARMED : WarmOutcome.ALREADY_FRESH;
    }

    private DashboardRead readBeyondL1(CacheKey key, CacheEntry inL1, Instant now) {
        long stamp = guard.stamp(key.scope());
        return readBeyondL1(key, inL1, now, stamp, readShared(key));
    }

    /**
     * A fresh L1 entry as an {@code L1_HIT} (recorded), or {@code null}: the first step of a batch,
     * which asks L2 for the keys L1 could not answer in one go.
     */
    DashboardRead readLocal(CacheKey key) {
        long started = System.nanoTime();
        CacheEntry inL1 = local.getIfPresent(key);
        if (inL1 != null && inL1.isFresh(clock.instant())) {
            metrics.recordRead(key.type(), CacheOutcome.L1_HIT, System.nanoTime() - started);
            return new DashboardRead(inL1, CacheOutcome.L1_HIT);
        }
        return null;
    }

    /** The guard stamps of these keys' scopes; taken before their L2 read, as a single read does. */
    long[] stamps(List<CacheKey> keys) {
        long[] stamps = new long[keys.size()];
        for (int i = 0; i < stamps.length; i++) {
            stamps[i] = guard.stamp(keys.get(i).scope());
        }
        return stamps;
    }

    /** L2 reads of many keys in one call to the tier ({@code null}s when it failed). */
    List<SharedRead> readSharedAll(List<CacheKey> keys) {
        try {
            return shared.readAll(keys);
        } catch (CacheTierUnavailableException e) {
            tierError("batch read", keys.get(0), e);
            return java.util.Arrays.asList(new SharedRead[keys.size()]);
        }
    }

    /** Whether this L2 read answers the key at once (fresh), with no load to wait for. */
    boolean answersAtOnce(SharedRead inL2) {
        return inL2 != null && inL2.entry() != null && inL2.entry().isFresh(clock.instant());
    }

    /** The rest of {@link #read} for a key whose L2 read (and guard stamp before it) a batch already did. */
    DashboardRead readPrefetched(CacheKey key, SharedRead inL2, long stamp) {
        long started = System.nanoTime();
        try {
            DashboardRead answer = readBeyondL1(key, local.getIfPresent(key), clock.instant(), stamp, inL2);
            metrics.recordRead(key.type(), answer.outcome(), System.nanoTime() - started);
            return answer;
        } catch (RuntimeException e) {
            metrics.recordReadError(key.type(), System.nanoTime() - started);
            throw e;
        }
    }

    private DashboardRead readBeyondL1(CacheKey key, CacheEntry inL1, Instant now, long stamp, SharedRead inL2) {
        if (inL2 != null && inL2.entry() != null) {
            CacheEntry entry = inL2.entry();
            if (entry.isFresh(now)) {
                fillLocal(key, entry, stamp);
                return new DashboardRead(entry, CacheOutcome.L2_HIT);
            }
            if (entry.isServableStale(now)) {
                refreshInBackground(key, now, inL2, stamp);
                return new DashboardRead(entry, CacheOutcome.STALE);
            }
        }
        // L1 may still hold a stale value L2 lost (Redis down or flushed): serve it only while
        // nothing says its scope moved on.
        if (inL1 != null && inL1.isServableStale(now) && (inL2 == null || inL2.scopeVersion() == inL1.scopeVersion())) {
            refreshInBackground(key, now, inL2, stamp);
            return new DashboardRead(inL1, CacheOutcome.STALE);
        }
        return flights.run(Flight.of(key, inL2, stamp), () -> loadShared(key, inL2, stamp, now, Contention.WAIT));
    }

    private void refreshInBackground(CacheKey key, Instant now, SharedRead seen, long seenStamp) {
        Instant pausedUntil = refreshPausedUntil.get(key);
        if (pausedUntil != null && now.isBefore(pausedUntil)) {
            return;
        }
        flights.runInBackground(Flight.of(key, seen, seenStamp), () -> {
            long stamp = guard.stamp(key.scope());
            try {
                DashboardRead refreshed = loadShared(key, readShared(key), stamp, clock.instant(), Contention.SKIP);
                refreshPausedUntil.remove(key);
                return refreshed;
            } catch (SourceUnavailableException e) {
                pauseRefreshes(key);
                LOG.debug("background refresh of {} failed, serving stale meanwhile: {}", key, e.getMessage());
                throw e;
            }
        }, refresher);
    }

    private void pauseRefreshes(CacheKey key) {
        if (refreshPausedUntil.size() >= MAX_PAUSED_REFRESHES) {
            refreshPausedUntil.clear(); // a bound, not a policy: losing the pauses costs a few early retries
        }
        refreshPausedUntil.put(key, clock.instant().plus(REFRESH_RETRY_PAUSE));
    }

    /**
     * One load of {@code key} across the instances: under the key's lease, or, when another instance
     * holds it, that instance's value (WAIT) or nothing at all (SKIP: {@code null}).
     *
     * @param mustOutlive a value in L2 fresh past this moment makes the load unnecessary
     */
    private DashboardRead loadShared(CacheKey key, SharedRead inL2, long stamp, Instant mustOutlive,
                                     Contention contention) {
        if (inL2 == null) {
            return load(key, null, stamp); // L2 is down, and the leases live there too
        }
        Optional<Lease> lease;
        try {
            lease = leases.tryAcquire(key, settings.leaseTtl());
        } catch (CacheTierUnavailableException e) {
            tierError("lease", key, e);
            return load(key, inL2, stamp);
        }
        if (lease.isPresent()) {
            return loadUnderLease(key, lease.get(), inL2, stamp, mustOutlive);
        }
        return contention == Contention.SKIP ? null : awaitOtherInstance(key, inL2, stamp, mustOutlive);
    }

    private DashboardRead loadUnderLease(CacheKey key, Lease lease, SharedRead before, long stamp,
                                         Instant mustOutlive) {
        try {
            // the previous holder may have stored its value between our read and our lease
            SharedRead inL2 = readShared(key);
            if (inL2 != null && freshBeyond(inL2.entry(), mustOutlive)) {
                fillLocal(key, inL2.entry(), stamp);
                return new DashboardRead(inL2.entry(), CacheOutcome.L2_HIT);
            }
            return load(key, inL2 == null ? before : inL2, stamp);
        } finally {
            release(lease);
        }
    }

    /** Another instance is loading: look at L2 a few milliseconds apart until its value is there. */
    private DashboardRead awaitOtherInstance(CacheKey key, SharedRead inL2, long stamp, Instant mustOutlive) {
        long started = System.nanoTime();
        long deadline = started + settings.leaseWait().toNanos();
        long pause = settings.leasePoll().toNanos();
        long maxPause = pause * 8;
        SharedRead last = inL2;
        while (System.nanoTime() - deadline < 0) {
            LockSupport.parkNanos(Math.min(pause, Math.max(1, deadline - System.nanoTime())));
            if (Thread.currentThread().isInterrupted()) {
                break; // shutting down: no more waiting
            }
            pause = Math.min(pause * 2, maxPause);
            SharedRead seen = readShared(key);
            if (seen == null) {
                metrics.recordLeaseWait(key.type(), System.nanoTime() - started, false);
                return load(key, null, stamp);
            }
            last = seen;
            if (freshBeyond(seen.entry(), mustOutlive)) {
                metrics.recordLeaseWait(key.type(), System.nanoTime() - started, true);
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
                metrics.recordLeaseWait(key.type(), System.nanoTime() - started, false);
                return loadUnderLease(key, lease.get(), seen, stamp, mustOutlive);
            }
        }
        metrics.recordLeaseWait(key.type(), System.nanoTime() - started, false);
        return load(key, last, stamp);
    }

    private void release(Lease lease) {
        try {
            leases.release(lease);
        } catch (CacheTierUnavailableException e) {
            tierError("lease release", lease.key(), e); // it expires by itself
        }
    }

    /** Loads from the engine and writes back under the version read before the load began. */
    private DashboardRead load(CacheKey key, SharedRead inL2, long stamp) {
        long started = System.nanoTime();
        Instant loadStarted = clock.instant();
        // taken before the engine is asked: a type-wide invalidation after it moves no version the CAS could see
        long wideStamp = guard.wideStamp();
        SourceAnswer answer;
        try {
            answer = source.fetch(key);
        } catch (SourceUnavailableException e) {
            metrics.recordLoad(key.type(), System.nanoTime() - started, false);
            throw e;
        }
        metrics.recordLoad(key.type(), System.nanoTime() - started, true);
        Instant now = clock.instant();
        Duration took = now.isAfter(loadStarted) ? Duration.between(loadStarted, now) : Duration.ZERO;
        long version = inL2 == null ? 0 : inL2.scopeVersion();
        CacheEntry entry;
        if (answer instanceof SourceAnswer.Found found) {
            entry = CacheEntry.loaded(found.json(), now, ttls.logicalTtl(key.type(), random), ttls.grace(key.type()),
                    version, took);
            if (found.json().length > settings.maxValueBytes()) {
                metrics.recordUncacheable(key.type());
                LOG.debug("{} is {} bytes, over the {} bytes a cached value may have: served, not cached", key,
                        found.json().length, settings.maxValueBytes());
                return new DashboardRead(entry, CacheOutcome.MISS);
            }
        } else {
            entry = CacheEntry.absent(now, ttls.absentTtl(key.type()), version);
        }
        if (guard.noWideInvalidationSince(wideStamp) && (inL2 == null || writeShared(key, entry, now))) {
            fillLocal(key, entry, stamp);
        }
        return new DashboardRead(entry, CacheOutcome.MISS);
    }

    /** Whether {@code entry} exists and is still fresh at {@code moment}. */
    private static boolean freshBeyond(CacheEntry entry, Instant moment) {
        return entry != null && entry.freshUntil().isAfter(moment);
    }

    private SharedRead readShared(CacheKey key) {
        try {
            return shared.read(key);
        } catch (CacheTierUnavailableException e) {
            tierError("read", key, e);
            return null;
        }
    }

    /** @return whether L1 may keep the value too: false when an invalidation overtook the load */
    private boolean writeShared(CacheKey key, CacheEntry entry, Instant now) {
        try {
            if (shared.writeIfVersion(key, entry, entry.remainingLifetime(now))) {
                return true;
            }
            metrics.recordStaleWriteRefused(key.type());
            return false;
        } catch (CacheTierUnavailableException e) {
            tierError("write", key, e);
            return true;
        }
    }

    private void tierError(String operation, CacheKey key, CacheTierUnavailableException e) {
        metrics.recordTierError(operation);
        LOG.debug("L2 {} of {} failed, going on without it: {}", operation, key, e.getMessage());
    }

    private void fillLocal(CacheKey key, CacheEntry entry, long stamp) {
        local.put(key, entry);
        if (!guard.unchangedSince(key.scope(), stamp)) {
            local.remove(key);
        }
    }

    /**
     * What a load is shared under: the key, and what its first reader saw of the scope (the L2
     * version, {@code -1} when L2 could not be read, and this instance's guard stamp). Readers that
     * come after an invalidation see something else, so they never wait for, and get, a value
     * loaded before it.
     */
    private record Flight(CacheKey key, long version, long stamp) {

        static Flight of(CacheKey key, SharedRead seen, long stamp) {
            return new Flight(key, seen == null ? -1 : seen.scopeVersion(), stamp);
        }
    }
}
