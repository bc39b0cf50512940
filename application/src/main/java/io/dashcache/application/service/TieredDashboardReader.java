package io.dashcache.application.service;

import io.dashcache.application.port.in.DashboardRead;
import io.dashcache.application.port.in.GetDashboardData;
import io.dashcache.application.port.out.CacheMetrics;
import io.dashcache.application.port.out.CacheTierUnavailableException;
import io.dashcache.application.port.out.DashboardSource;
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
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The read path: L1, then L2, then the engine, with one load per key in flight in this instance.
 *
 * <ol>
 *   <li>A fresh L1 entry answers at once ({@code L1_HIT}): one hash lookup, no I/O.</li>
 *   <li>Else one round trip to L2 reads the value and its scope's version; a fresh, current
 *       value fills L1 and answers ({@code L2_HIT}).</li>
 *   <li>A value past its logical expiry but inside its grace period answers at once
 *       ({@code STALE}) while one background refresh runs. A value whose scope was invalidated
 *       is never served, stale or not.</li>
 *   <li>Else one caller loads from the engine ({@code MISS}) while the others wait for it. The
 *       write back to L2 is a compare-and-set on the version read in step 2, so a load overtaken
 *       by an invalidation stores nothing; the caller still gets the value it asked for.</li>
 * </ol>
 *
 * When L2 fails, the read goes on with L1 and the engine: no request fails because of Redis alone.
 */
public final class TieredDashboardReader implements GetDashboardData {

    private static final Logger LOG = LoggerFactory.getLogger(TieredDashboardReader.class);

    private final LocalCacheTier local;
    private final SharedCacheTier shared;
    private final DashboardSource source;
    private final TtlPolicy ttls;
    private final LocalFillGuard guard;
    private final CacheMetrics metrics;
    private final Clock clock;
    private final Executor refresher;
    private final RandomGenerator random;
    private final SingleFlight<CacheKey, DashboardRead> flights;

    public TieredDashboardReader(LocalCacheTier local, SharedCacheTier shared, DashboardSource source, TtlPolicy ttls,
                                 LocalFillGuard guard, CacheMetrics metrics, Clock clock, Executor refresher,
                                 RandomGenerator random, Duration maxWaitForLoad) {
        this.local = Objects.requireNonNull(local, "local");
        this.shared = Objects.requireNonNull(shared, "shared");
        this.source = Objects.requireNonNull(source, "source");
        this.ttls = Objects.requireNonNull(ttls, "ttls");
        this.guard = Objects.requireNonNull(guard, "guard");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.refresher = Objects.requireNonNull(refresher, "refresher");
        this.random = Objects.requireNonNull(random, "random");
        this.flights = new SingleFlight<>(maxWaitForLoad, () -> new SourceUnavailableException(
                SourceUnavailableException.Reason.TIMEOUT, "waited " + maxWaitForLoad.toMillis()
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

    private DashboardRead readBeyondL1(CacheKey key, CacheEntry inL1, Instant now) {
        long stamp = guard.stamp(key.scope());
        SharedRead inL2 = readShared(key);
        if (inL2 != null && inL2.entry() != null) {
            CacheEntry entry = inL2.entry();
            if (entry.isFresh(now)) {
                fillLocal(key, entry, stamp);
                return new DashboardRead(entry, CacheOutcome.L2_HIT);
            }
            if (entry.isServableStale(now)) {
                refreshInBackground(key);
                return new DashboardRead(entry, CacheOutcome.STALE);
            }
        }
        // L1 may still hold a stale value L2 lost (Redis down or flushed): serve it only while
        // nothing says its scope moved on.
        if (inL1 != null && inL1.isServableStale(now) && (inL2 == null || inL2.scopeVersion() == inL1.scopeVersion())) {
            refreshInBackground(key);
            return new DashboardRead(inL1, CacheOutcome.STALE);
        }
        return flights.run(key, () -> load(key, inL2, stamp));
    }

    private void refreshInBackground(CacheKey key) {
        flights.runInBackground(key, () -> {
            long stamp = guard.stamp(key.scope());
            return load(key, readShared(key), stamp);
        }, refresher);
    }

    /** Loads from the engine and writes back under the version read before the load began. */
    private DashboardRead load(CacheKey key, SharedRead inL2, long stamp) {
        long started = System.nanoTime();
        SourceAnswer answer;
        try {
            answer = source.fetch(key);
        } catch (SourceUnavailableException e) {
            metrics.recordLoad(key.type(), System.nanoTime() - started, false);
            throw e;
        }
        metrics.recordLoad(key.type(), System.nanoTime() - started, true);
        Instant now = clock.instant();
        long version = inL2 == null ? 0 : inL2.scopeVersion();
        CacheEntry entry = answer instanceof SourceAnswer.Found found
                ? CacheEntry.loaded(found.json(), now, ttls.logicalTtl(key.type(), random), ttls.grace(key.type()), version)
                : CacheEntry.absent(now, ttls.absentTtl(key.type()), version);
        if (inL2 == null || writeShared(key, entry, now)) {
            fillLocal(key, entry, stamp);
        }
        return new DashboardRead(entry, CacheOutcome.MISS);
    }

    private SharedRead readShared(CacheKey key) {
        try {
            return shared.read(key);
        } catch (CacheTierUnavailableException e) {
            metrics.recordTierError("read");
            LOG.debug("L2 read of {} failed, going on without it: {}", key, e.getMessage());
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
            metrics.recordTierError("write");
            LOG.debug("L2 write of {} failed, keeping it in L1 only: {}", key, e.getMessage());
            return true;
        }
    }

    private void fillLocal(CacheKey key, CacheEntry entry, long stamp) {
        local.put(key, entry);
        if (!guard.unchangedSince(key.scope(), stamp)) {
            local.remove(key);
        }
    }
}
