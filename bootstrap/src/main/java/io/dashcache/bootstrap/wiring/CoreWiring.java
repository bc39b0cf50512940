package io.dashcache.bootstrap.wiring;

import io.dashcache.adapters.metrics.MicrometerCacheMetrics;
import io.dashcache.adapters.metrics.PrometheusMetrics;
import io.dashcache.adapters.redis.CircuitBreakingSharedTier;
import io.dashcache.adapters.redis.RedisBreakerSettings;
import io.dashcache.application.changefeed.ChangeFeed;
import io.dashcache.application.changefeed.NoticeHold;
import io.dashcache.application.concurrency.DaemonThreads;
import io.dashcache.application.engine.CacheInvalidator;
import io.dashcache.application.engine.FollowStoredValues;
import io.dashcache.application.invalidation.EngineEventApplier;
import io.dashcache.application.invalidation.EngineWriteThrough;
import io.dashcache.application.metrics.CacheHealthService;
import io.dashcache.application.port.out.reading.LocalCacheTier;
import io.dashcache.application.port.out.time.TimeSource;
import io.dashcache.application.reading.TieredDashboardReader;
import io.dashcache.application.reading.WarmingDashboardReader;
import io.dashcache.application.warming.CacheWarmer;
import io.dashcache.application.warming.RefreshOnInvalidation;
import io.dashcache.bootstrap.DashcacheConfig;
import io.dashcache.embedded.CoreSettings;
import io.dashcache.embedded.DashcacheCore;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The core as the embedded client has it ({@link DashcacheCore#assemble}, handed this instance's
 * settings), and the dashboard use cases on it. The core's {@code CacheMetrics} and registry come from
 * {@link MetricsWiring}; the instance's one {@link Clock} is registered by {@code Dashcache.start}.
 */
@Configuration(proxyBeanMethods = false)
public class CoreWiring {

    private static final Logger LOG = LoggerFactory.getLogger(CoreWiring.class);

    /** Started by {@link BackgroundWork} once every use case exists; closed after it. */
    @Bean(destroyMethod = "close")
    DashcacheCore dashcacheCore(DashcacheConfig config, MicrometerCacheMetrics metrics, PrometheusMetrics prometheus,
                                ChangeFeed changeFeed, TimeSource time) {
        if (config.l1MaxBytes() == 0) {
            LOG.info("DASHCACHE_L1_MAX_BYTES=0: no L1, every read goes to L2");
        }
        if (config.redisUrl().isEmpty()) {
            LOG.info("DASHCACHE_REDIS_URL=none: running L1-only (no shared tier, no cross-instance invalidation)");
        }
        CoreSettings settings = new CoreSettings(config.redisUrl(), config.redisTimeout(), config.keyFormat(),
                config.resilience().redisReplicaAcks(), RedisBreakerSettings.openFor(config.resilience().redisBreakerOpen()),
                config.l1MaxBytes(), config.l1MaxTtl(), config.readPath().settings(config.maxWaitForLoad()),
                config.readPath().refreshAheadBeta(), config.instanceId(), config.readPath().compressAboveBytes(),
                config.resilience().maxPendingEvents());
        DashcacheCore core = DashcacheCore.assemble(settings, metrics, Optional.of(prometheus.registry()), changeFeed,
                time);
        FunctionCounter.builder("dashcache.redis.unreplicated.bumps", core, DashcacheCore::unreplicatedBumps)
                .description("version bumps that fewer replicas confirmed (WAIT) than DASHCACHE_REDIS_REPLICA_ACKS asks; "
                        + "a failover of their primary could undo them")
                .register(prometheus.registry());
        prometheus.registerGauge("dashcache.events.pending",
                "Engine events accepted (202 QUEUED) while Redis could not record them, not yet applied",
                () -> core.events().pendingEvents());
        prometheus.registerCounter("dashcache.events.pending.refused",
                "Engine events refused (503) because DASHCACHE_PENDING_EVENTS_MAX events already waited for Redis",
                () -> core.events().refusedEvents());
        prometheus.registerGauge("dashcache.keys.newer.than.l2",
                "Keys loaded from the engine while Redis could not take them, whose L2 value is older: not served",
                () -> core.engine().keysNewerThanShared());
        core.breaker().ifPresent(breaker -> breaker.watchShards(new BreakerStateGauges(prometheus.registry())));
        return core;
    }

    /**
     * {@code dashcache_redis_breaker_state{shard}}: one series per shard's circuit (a cluster's primary as
     * {@code host:port}, else {@code all}), gone when its primary serves no slot any more.
     */
    private record BreakerStateGauges(MeterRegistry registry) implements CircuitBreakingSharedTier.ShardWatcher {

        @Override
        public void added(String shard, Supplier<String> state) {
            Gauge.builder("dashcache.redis.breaker.state", state, each -> breakerState(each.get()))
                    .description("A Redis shard's circuit breaker: 0 closed (Redis in use), 1 half open (probing), "
                            + "2 open (the shard's keys skip Redis)")
                    .tag("shard", shard)
                    .strongReference(true)
                    .register(registry);
        }

        @Override
        public void retired(String shard) {
            Meter gauge = registry.find("dashcache.redis.breaker.state").tag("shard", shard).meter();
            if (gauge != null) {
                registry.remove(gauge);
            }
        }
    }

    /** {@code dashcache_redis_breaker_state}'s value for a state of the circuit. */
    static int breakerState(String state) {
        return switch (state) {
            case "CLOSED" -> 0;
            case "HALF_OPEN" -> 1;
            default -> 2; // OPEN, and the breaker's forced or disabled states: Redis is not being used
        };
    }

    @Bean
    LocalCacheTier localCacheTier(DashcacheCore core) {
        return core.local();
    }

    @Bean
    EngineSide engineSide(DashcacheConfig config, Clock clock, MicrometerCacheMetrics metrics) {
        return EngineSide.from(config, clock, metrics);
    }

    /** Loads of a batch read's misses, in parallel: a few threads; when busy, the request's own thread loads. */
    @Bean(destroyMethod = "shutdownNow")
    ExecutorService batchLoadExecutor() {
        return new ThreadPoolExecutor(4, 4, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(256),
                DaemonThreads.named("dashcache-batch-load"), new ThreadPoolExecutor.CallerRunsPolicy());
    }

    /** Dashboard reads, single and {@code GET /api/dashboard?parts=...}: a key schema and the engine as loader on the core. */
    @Bean
    TieredDashboardReader tieredDashboardReader(DashcacheCore core, EngineSide engine, DashcacheConfig config,
                                                ExecutorService batchLoadExecutor) {
        return new TieredDashboardReader(core.engine(), engine.source(), config.ttls(), batchLoadExecutor);
    }

    /** Started and stopped by {@link WarmingWork}; the readers reach it through {@link WarmingDashboardReader}. */
    @Bean
    CacheWarmer cacheWarmer(TieredDashboardReader reader, DashcacheConfig config, MicrometerCacheMetrics metrics,
                            TimeSource time) {
        return new CacheWarmer(reader, config.warming().settings(), metrics, time);
    }

    /**
     * Refresh on invalidation: what an invalidation drops from L1 is reloaded at once, within
     * {@code DASHCACHE_REFRESH_ON_INVALIDATION_PER_SECOND}. Told by the core's invalidator, which exists
     * before the warmer it feeds (the warmer reads through the core).
     */
    @Bean
    RefreshOnInvalidation refreshOnInvalidation(CacheWarmer warmer, DashcacheCore core, DashcacheConfig config,
                                                TimeSource time, PrometheusMetrics prometheus, ChangeFeed changeFeed,
                                                NoticeHold noticeHold) {
        int perSecond = config.warming().refreshOnInvalidationPerSecond();
        RefreshOnInvalidation refresh = new RefreshOnInvalidation(warmer, Math.max(1, perSecond), time);
        if (perSecond > 0) {
            core.invalidator().alsoTell(refresh);
            // the instances that lose the refresh's lease take its value when it is stored
            core.invalidator().alsoTell(new FollowStoredValues(core.engine()));
            if (!config.changeStream().freshWait().isZero()) {
                // live dashboards hear of a change once its fresh value is in L1, so their re-read hits
                core.engine().whenFilled(noticeHold::filled);
                changeFeed.holdUntilFresh(noticeHold);
            }
        }
        prometheus.registerCounter("dashcache.warmer.refresh.skipped",
                "Keys an invalidation dropped from L1 but left to their next reader: the refresh budget was spent",
                refresh::skipped);
        return refresh;
    }

    /** Where change notices wait for their fresh values (used with refresh on invalidation only; its thread starts with the first hold). */
    @Bean(destroyMethod = "close")
    NoticeHold noticeHold(DashcacheCore core, DashcacheConfig config) {
        Duration bound = config.changeStream().freshWait();
        return new NoticeHold(core.local(), bound.isZero() ? NoticeHold.DEFAULT_BOUND : bound);
    }

    /** What the REST API reads through: the tiers, then the warmer learns from the read. */
    @Bean
    WarmingDashboardReader warmingDashboardReader(TieredDashboardReader reader, CacheWarmer warmer) {
        return new WarmingDashboardReader(reader, warmer);
    }

    /** Tells the change feed (live dashboards) of every invalidation, this instance's and the others'. */
    @Bean
    CacheInvalidator cacheInvalidator(DashcacheCore core) {
        return core.invalidator();
    }

    @Bean
    EngineEventApplier engineEventApplier(DashcacheCore core) {
        return core.events();
    }

    @Bean
    EngineWriteThrough engineWriteThrough(EngineSide engine, CacheInvalidator invalidator) {
        return new EngineWriteThrough(engine.commands(), invalidator);
    }

    @Bean
    CacheHealthService cacheHealthService(DashcacheCore core, EngineSide engine) {
        return new CacheHealthService(List.of(core.health(), engine.health()), core.local());
    }
}
