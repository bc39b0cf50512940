package io.dashcache.bootstrap.wiring;

import io.dashcache.adapters.http.in.CacheMetricsRoutes;
import io.dashcache.adapters.http.in.RouteRegistrar;
import io.dashcache.adapters.http.in.StatusPage;
import io.dashcache.adapters.metrics.MeteredSharedCacheTier;
import io.dashcache.adapters.metrics.MicrometerCacheMetrics;
import io.dashcache.adapters.metrics.PrometheusMetrics;
import io.dashcache.adapters.redis.CaffeineLocalTier;
import io.dashcache.application.port.out.LocalCacheTier;
import io.dashcache.application.port.out.SharedCacheTier;
import io.dashcache.application.service.CacheHealthService;
import io.dashcache.application.service.CacheMetricsReporter;
import io.dashcache.bootstrap.DashcacheConfig;
import io.micrometer.core.instrument.FunctionCounter;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Measurement: the one Prometheus registry, the use cases' {@code CacheMetrics} on it, the timed
 * shared tier, the report with its periodic snapshot, and the routes {@code /metrics},
 * {@code /api/cache/metrics} and {@code /}.
 */
@Configuration(proxyBeanMethods = false)
public class MetricsWiring {

    @Bean
    PrometheusMetrics prometheusMetrics(LocalCacheTier local) {
        PrometheusMetrics metrics = new PrometheusMetrics();
        if (local instanceof CaffeineLocalTier caffeine) {
            metrics.bindLocalCache(caffeine.nativeCache(), caffeine::weightInBytes);
        }
        return metrics;
    }

    /** The use cases' {@code CacheMetrics}, and the report's {@code MetricsSnapshotReader}. */
    @Bean
    MicrometerCacheMetrics cacheMetrics(PrometheusMetrics metrics) {
        return new MicrometerCacheMetrics(metrics.registry());
    }

    /** Redis timed per call; the L1-only stand-in is not a Redis worth timing. */
    @Bean
    SharedCacheTier sharedCacheTier(SharedSide shared, PrometheusMetrics metrics) {
        FunctionCounter.builder("dashcache.redis.unreplicated.bumps", shared, SharedSide::unreplicatedBumps)
                .description("version bumps that fewer replicas confirmed (WAIT) than DASHCACHE_REDIS_REPLICA_ACKS asks; "
                        + "a failover of their primary could undo them")
                .register(metrics.registry());
        return shared.connector().isPresent() ? new MeteredSharedCacheTier(shared.tier(), metrics.registry())
                : shared.tier();
    }

    @Bean
    CacheMetricsReporter cacheMetricsReporter(MicrometerCacheMetrics metrics, CacheHealthService health,
                                              DashcacheConfig config, Clock clock) {
        return new CacheMetricsReporter(metrics, health, config.alerts(), config.metricsReport(), clock);
    }

    @Bean(initMethod = "start", destroyMethod = "close")
    MetricsTicker metricsTicker(CacheMetricsReporter reporter, DashcacheConfig config) {
        return new MetricsTicker(reporter, config.metricsReport().snapshotInterval());
    }

    @Bean
    RouteRegistrar cacheMetricsRoutes(CacheMetricsReporter reporter, PrometheusMetrics metrics) {
        return new CacheMetricsRoutes(reporter, metrics::scrape);
    }

    @Bean
    RouteRegistrar statusPage() {
        return new StatusPage();
    }
}
