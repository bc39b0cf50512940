package io.dashcache.application.port.in.reading;

import io.dashcache.domain.CacheKey;

/** Read one piece of dashboard data through the tiers: L1, then L2, then the engine. */
@FunctionalInterface
public interface GetDashboardData {

    /**
     * @throws io.dashcache.application.port.out.reading.SourceUnavailableException when the value is in no
     *         tier (not even stale) and the engine cannot give it
     */
    DashboardRead read(CacheKey key);
}
