package io.dashcache.bootstrap.wiring;

import io.dashcache.adapters.redis.CaffeineLocalTier;
import io.dashcache.adapters.redis.RedisLoadLeases;
import io.dashcache.application.port.out.CacheMetrics;
import io.dashcache.application.port.out.LoadLeases;
import io.dashcache.application.port.out.LocalCacheTier;
import io.dashcache.application.port.out.SharedCacheTier;
import io.dashcache.application.service.BatchDashboardReader;
import io.dashcache.application.service.CacheHealthService;
import io.dashcache.application.service.ChangeFeed;
import io.dashcache.application.service.CacheWarmer;
import io.dashcache.application.service.CacheInvalidator;
import io.dashcache.application.service.EngineEventApplier;
import io.dashcache.application.service.EngineWriteThrough;
import io.dashcache.application.service.LocalFillGuard;
import io.dashcache.application.service.NoLocalTier;
import io.dashcache.application.service.RefreshAhead;
import io.dashcache.application.service.TieredDashboardReader;
import io.dashcache.application.service.WarmingDashboardReader;
import io.dashcache.bootstrap.DashcacheConfig;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The use cases and the tiers they read through. Their {@code CacheMetrics} and the
 * {@code SharedCacheTier} they call (Redis behind its circuit breaker, timed) come from
 * {@link MetricsWiring}; the instance's one {@link Clock} is registered by {@code Dashcache.start}.
 */
@Configuration(proxyBeanMethods = false)
public class CoreWiring {

    private static final Logger LOG = LoggerFactory.getLogger(CoreWiring.class);

    /**
     * Randomness for every thread: each draw asks {@link ThreadLocalRandom#current()} on the drawing
     * thread (a ThreadLocalRandom captured once would use other threads' uninitialised seeds).
     */
    private static final RandomGenerator PER_THREAD_RANDOM = () -> ThreadLocalRandom.current().nextLong();

    @Bean
    LocalFillGuard localFillGuard() {
        return new LocalFillGuard();
    }

    /** {@code DASHCACHE_L1_MAX_BYTES=0}: no L1 at all, so the load harness can measure what it is worth. */
    @Bean
    LocalCacheTier localCacheTier(DashcacheConfig config, Clock clock) {
        if (config.l1MaxBytes() == 0) {
            LOG.info("DASHCACHE_L1_MAX_BYTES=0: no L1, every read goes to L2");
            return new NoLocalTier();
        }
        return new CaffeineLocalTier(config.l1MaxBytes(), config.l1MaxTtl(), clock);
    }

    @Bean(destroyMethod = "close")
    SharedSide sharedSide(DashcacheConfig config) {
        return SharedSide.connect(config);
    }

    @Bean
    EngineSide engineSide(DashcacheConfig config, Clock clock, CacheMetrics metrics) {
        return EngineSide.from(config, clock, metrics);
    }

    /** Background refreshes (stale-while-revalidate): few threads, a bounded queue; excess is dropped, not queued. */
    @Bean(destroyMethod = "shutdownNow")
    ExecutorService refreshExecutor() {
        AtomicInteger count = new AtomicInteger();
        return new ThreadPoolExecutor(2, 2, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(1024), runnable -> {
            Thread thread = new Thread(runnable, "dashcache-refresh-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }, new ThreadPoolExecutor.AbortPolicy());
    }

    /** One instance at a time loads a key: leases in Redis, or none needed when this instance is alone. */
    @Bean
    LoadLeases loadLeases(SharedSide shared, DashcacheConfig config) {
        return shared.connector()
                .<LoadLeases>map(redis -> new RedisLoadLeases(redis.client(), config.keyFormat(), config.instanceId()))
                .orElse(LoadLeases.UNSHARED);
    }

    @Bean
    TieredDashboardReader tieredDashboardReader(LocalCacheTier local, SharedCacheTier shared, LoadLeases leases,
                                                EngineSide engine, DashcacheConfig config, LocalFillGuard guard,
                                                CacheMetrics metrics, Clock clock, ExecutorService refreshExecutor) {
        return new TieredDashboardReader(local, shared, leases, engine.source(), config.ttls(), guard, metrics,
                clock, refreshExecutor, PER_THREAD_RANDOM, config.readPath().settings(config.maxWaitForLoad()));
    }

    /** Loads of a batch read's misses, in parallel: a few threads; when busy, the request's own thread loads. */
    @Bean(destroyMethod = "shutdownNow")
    ExecutorService batchLoadExecutor() {
        AtomicInteger count = new AtomicInteger();
        return new ThreadPoolExecutor(4, 4, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(256), runnable -> {
            Thread thread = new Thread(runnable, "dashcache-batch-load-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }, new ThreadPoolExecutor.CallerRunsPolicy());
    }

    /** {@code GET /api/dashboard?parts=...}: L1, one L2 round trip per slot, then the misses in parallel. */
    @Bean
    BatchDashboardReader batchDashboardReader(TieredDashboardReader reader, ExecutorService batchLoadExecutor) {
        return new BatchDashboardReader(reader, batchLoadExecutor);
    }

    /** Started and stopped by {@link WarmingWork}; the readers reach it through {@link WarmingDashboardReader}. */
    @Bean
    CacheWarmer cacheWarmer(TieredDashboardReader reader, DashcacheConfig config, CacheMetrics metrics, Clock clock) {
        return new CacheWarmer(reader, config.warming().settings(),
                new RefreshAhead(config.readPath().refreshAheadBeta(), PER_THREAD_RANDOM), metrics, clock);
    }

    /** What the REST API reads through: the tiers, then the warmer learns from the read. */
    @Bean
    WarmingDashboardReader warmingDashboardReader(TieredDashboardReader reader, CacheWarmer warmer) {
        return new WarmingDashboardReader(reader, warmer);
    }

    /** Tells the change feed (live dashboards) of every invalidation, this instance's and the others'. */
    @Bean
    CacheInvalidator cacheInvalidator(LocalCacheTier local, SharedCacheTier sharedTier, SharedSide shared,
                                      LocalFillGuard guard, CacheMetrics metrics, DashcacheConfig config,
                                      ChangeFeed changeFeed) {
        return new CacheInvalidator(local, sharedTier, shared.broadcast(), guard, metrics, config.instanceId(),
                changeFeed);
    }

    @Bean
    EngineEventApplier engineEventApplier(CacheInvalidator invalidator, SharedSide shared) {
        return new EngineEventApplier(invalidator, shared.appliedEvents());
    }

    @Bean
    EngineWriteThrough engineWriteThrough(EngineSide engine, CacheInvalidator invalidator) {
        return new EngineWriteThrough(engine.commands(), invalidator);
    }

    @Bean
    CacheHealthService cacheHealthService(SharedSide shared, EngineSide engine, LocalCacheTier local) {
        return new CacheHealthService(List.of(shared.health(), engine.health()), local);
    }
}
