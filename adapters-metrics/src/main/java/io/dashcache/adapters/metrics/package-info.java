/**
 * Measurement on Micrometer, exposed for Prometheus: the application's {@code CacheMetrics} port
 * recorded as counters and timers with percentile histograms, read back as cumulative snapshots
 * for the report ({@code MetricsSnapshotReader}), the shared tier's calls timed by a decorator,
 * and a hook to add gauges (the L1's own statistics, the event consumer, the warmer's queue).
 *
 * <p>{@link io.dashcache.adapters.metrics.PrometheusMetrics} owns the one registry and its text
 * exposition; {@link io.dashcache.adapters.metrics.MicrometerCacheMetrics} and
 * {@link io.dashcache.adapters.metrics.MeteredSharedCacheTier} record into it. Every name starts
 * with {@code dashcache_}; see the module README for the list.
 */
package io.dashcache.adapters.metrics;
