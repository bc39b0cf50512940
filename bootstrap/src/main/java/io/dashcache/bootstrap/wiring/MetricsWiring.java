package io.dashcache.bootstrap.wiring;

import io.dashcache.adapters.http.in.CacheMetricsRoutes;
import io.dashcache.adapters.http.in.RouteRegistrar;
import io.dashcache.adapters.http.in.StatusPage;
import io.dashcache.adapters.metrics.MicrometerCacheMetrics;
import io.dashcache.adapters.metrics.PrometheusMetrics;
import io.dashcache.application.metrics.CacheHealthService;
import io.dashcache.application.metrics.CacheMetricsReporter;
import io.dashcache.bootstrap.DashcacheConfig;
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

    /** The instance's one registry; L1's statistics and the timed L2 are bound in it by the core. */
    @Bean
    PrometheusMetrics prometheusMetrics() {
        return new PrometheusMetrics();
    }

    /** The use cases' {@code CacheMetrics}, and the report's {@code MetricsSnapshotReader}. */
    @Bean
    MicrometerCacheMetrics cacheMetrics(PrometheusMetrics metrics) {
        return new MicrometerCacheMetrics(metrics.registry());
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
