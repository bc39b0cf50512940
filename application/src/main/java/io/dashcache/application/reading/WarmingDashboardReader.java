package io.dashcache.application.reading;

import io.dashcache.application.port.in.reading.DashboardRead;
import io.dashcache.application.port.in.reading.GetDashboardData;
import io.dashcache.application.warming.CacheWarmer;
import io.dashcache.domain.CacheKey;
import java.util.Objects;

/**
 * The readers' entry: reads through the tiers, then lets the warmer learn from the read (hot keys,
 * first reads of users, refresh ahead of expiry). The warmer itself reads around this, so its own
 * loads are never counted as reads.
 */
public final class WarmingDashboardReader implements GetDashboardData {

    private final GetDashboardData reads;
    private final CacheWarmer warmer;

    public WarmingDashboardReader(GetDashboardData reads, CacheWarmer warmer) {
        this.reads = Objects.requireNonNull(reads, "reads");
        this.warmer = Objects.requireNonNull(warmer, "warmer");
    }

    @Override
    public DashboardRead read(CacheKey key) {
        DashboardRead read = reads.read(key);
        warmer.onRead(key, read);
        return read;
    }
}
