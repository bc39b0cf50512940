package io.dashcache.application.port.in.metrics;

/** How each kind of dashboard data is doing lately, graded, with alerts and their history: {@code /api/cache/metrics}. */
@FunctionalInterface
public interface ReadCacheMetrics {

    CacheMetricsReport report();
}
