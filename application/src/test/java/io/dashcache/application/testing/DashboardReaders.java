package io.dashcache.application.testing;

import io.dashcache.application.engine.LocalFillGuard;
import io.dashcache.application.engine.ReadPathSettings;
import io.dashcache.application.engine.RefreshAhead;
import io.dashcache.application.engine.TieredCache;
import io.dashcache.application.port.out.metrics.CacheMetrics;
import io.dashcache.application.port.out.reading.DashboardSource;
import io.dashcache.application.port.out.reading.LoadLeases;
import io.dashcache.application.port.out.reading.LocalCacheTier;
import io.dashcache.application.port.out.reading.SharedCacheTier;
import io.dashcache.application.port.out.reading.StoreNotices;
import io.dashcache.application.port.out.time.TimeSource;
import io.dashcache.application.reading.TieredDashboardReader;
import io.dashcache.domain.TtlPolicy;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.random.RandomGenerator;

/** Dashboard readers on the engine, as the use-case tests wire them (batch loads on the caller's thread). */
public final class DashboardReaders {

    private DashboardReaders() {
    }

    /** Without leases (one instance) and with the default settings; no refresh ahead. */
    public static TieredDashboardReader of(LocalCacheTier local, SharedCacheTier shared, DashboardSource source,
                                           TtlPolicy ttls, LocalFillGuard guard, CacheMetrics metrics, Clock clock,
                                           Executor refresher, RandomGenerator random, Duration maxWaitForLoad) {
        return of(local, shared, LoadLeases.UNSHARED, source, ttls, guard, metrics, clock, refresher, random,
                ReadPathSettings.defaults(maxWaitForLoad));
    }

    public static TieredDashboardReader of(LocalCacheTier local, SharedCacheTier shared, LoadLeases leases,
                                           DashboardSource source, TtlPolicy ttls, LocalFillGuard guard,
                                           CacheMetrics metrics, Clock clock, Executor refresher,
                                           RandomGenerator random, ReadPathSettings settings) {
        return of(local, shared, leases, StoreNotices.NONE, source, ttls, guard, metrics, clock, refresher, random,
                settings);
    }

    /** With store notices: a waiter for another instance's load looks at L2 when told its value is stored. */
    public static TieredDashboardReader of(LocalCacheTier local, SharedCacheTier shared, LoadLeases leases,
                                           StoreNotices notices, DashboardSource source, TtlPolicy ttls,
                                           LocalFillGuard guard, CacheMetrics metrics, Clock clock, Executor refresher,
                                           RandomGenerator random, ReadPathSettings settings) {
        return new TieredDashboardReader(new TieredCache(local, shared, leases, notices, guard, metrics,
                TimeSource.of(clock), refresher, random, RefreshAhead.OFF, settings), source, ttls, Runnable::run);
    }
}
