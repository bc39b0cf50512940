package io.dashcache.application.reading;

import io.dashcache.application.engine.TieredCache;
import io.dashcache.application.port.in.reading.DashboardRead;
import io.dashcache.application.port.in.reading.GetDashboardData;
import io.dashcache.application.port.in.reading.GetDashboardParts;
import io.dashcache.application.port.messages.WarmOutcome;
import io.dashcache.application.port.out.reading.DashboardSource;
import io.dashcache.application.warming.KeyWarmer;
import io.dashcache.domain.CacheKey;
import io.dashcache.domain.TtlPolicy;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * Dashboard reads as one use of the cache engine: the key schema is {@link CacheKey}, the TTLs are the
 * data types' ({@link TtlPolicy}), and the loader is the Core Detection Engine. Everything else
 * (tiers, single flight, leases, compare-and-set, refresh, metrics) is {@link TieredCache}'s.
 *
 * <pre>{@code
 * TieredDashboardReader reads = new TieredDashboardReader(engine, source, ttls, batchLoads);
 * DashboardRead overview = reads.read(CacheKey.forUser(DataType.OVERVIEW, UserId.of("42")));
 * }</pre>
 */
public final class TieredDashboardReader implements GetDashboardData, GetDashboardParts, KeyWarmer {

    private final TieredCache engine;
    private final TieredCache.Loader source;
    private final TtlPolicy ttls;
    private final Executor batchLoads;

    /** @param batchLoads runs the misses of a batch read; its bound is the batch's parallelism */
    public TieredDashboardReader(TieredCache engine, DashboardSource source, TtlPolicy ttls, Executor batchLoads) {
        this.engine = Objects.requireNonNull(engine, "engine");
        Objects.requireNonNull(source, "source");
        this.source = key -> source.fetch((CacheKey) key);
        this.ttls = Objects.requireNonNull(ttls, "ttls");
        this.batchLoads = Objects.requireNonNull(batchLoads, "batchLoads");
    }

    @Override
    public DashboardRead read(CacheKey key) {
        return engine.read(key, ttls.policy(key.type()), source);
    }

    @Override
    public Map<CacheKey, PartRead> readAll(List<CacheKey> keys) {
        return engine.readAll(keys, key -> ttls.policy(key.type()), source, batchLoads);
    }

    @Override
    public WarmOutcome warm(CacheKey key, Instant freshBeyond) {
        return engine.warm(key, freshBeyond, ttls.policy(key.type()), source);
    }
}
