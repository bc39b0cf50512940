package io.dashcache.bootstrap;

import io.dashcache.adapters.redis.RedisSettings;
import io.dashcache.adapters.redis.RedisTopology;
import io.dashcache.application.metrics.MetricsReportSettings;
import io.dashcache.domain.AlertThresholds;
import io.dashcache.domain.KeyFormat;
import io.dashcache.domain.TtlPolicy;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * The whole configuration, parsed once from the environment (and an optional properties file)
 * by {@link ConfigLoader}. Every field is already validated.
 *
 * @param httpPort           {@code DASHCACHE_HTTP_PORT}, 0 = any free port
 * @param redisUrl           {@code DASHCACHE_REDIS_URL}, already checked; empty when {@code none} (L1-only)
 * @param keyPrefix          {@code DASHCACHE_KEY_PREFIX}
 * @param engineUrl          {@code DASHCACHE_ENGINE_URL}; empty = the embedded demo engine
 * @param eventsStream       {@code DASHCACHE_EVENTS_STREAM}
 * @param ttls               the TTL table with {@code DASHCACHE_TTL_<TYPE>} overrides
 * @param l1MaxBytes         {@code DASHCACHE_L1_MAX_BYTES}; 0 = no L1 (every read goes to L2)
 * @param l1MaxTtl           {@code DASHCACHE_L1_TTL_SECONDS}: how long L1 keeps an entry at most
 * @param redisTimeout       {@code DASHCACHE_REDIS_TIMEOUT_MS}: connect and socket timeout
 * @param engineTimeout      {@code DASHCACHE_ENGINE_TIMEOUT_MS}: a whole engine request
 * @param instanceId         {@code DASHCACHE_INSTANCE_ID}: names this instance in the consumer group
 * @param demoEventsPerMinute {@code DASHCACHE_DEMO_EVENTS_PER_MINUTE}: the demo engine's live feed, 0 = off
 * @param resilience         the Redis circuit breaker and the engine bulkhead
 * @param auth               {@code DASHCACHE_AUTH} and the JWT settings
 * @param readPath           the value size limit, load leases and refresh-ahead
 * @param warming            the cache warmer's limits
 * @param alerts             {@code DASHCACHE_ALERT_*}: when {@code /api/cache/metrics} raises an alert
 * @param metricsReport      {@code DASHCACHE_METRICS_*}: the report's window, snapshot interval and history
 * @param changeStream       {@code DASHCACHE_SSE_*}: the live change stream's caps, heartbeat and replay
 * @param eventConsumer      {@code DASHCACHE_EVENTS_HEARTBEAT_MS}, {@code DASHCACHE_EVENTS_LIVENESS_MS}: when a dead
 *                           instance's pending events are taken over
 */
public record DashcacheConfig(int httpPort, Optional<String> redisUrl, String keyPrefix, Optional<URI> engineUrl,
                              String eventsStream, TtlPolicy ttls, long l1MaxBytes, Duration l1MaxTtl,
                              Duration redisTimeout, Duration engineTimeout, String instanceId,
                              int demoEventsPerMinute, ResilienceConfig resilience, AuthConfig auth,
                              ReadPathConfig readPath, WarmingConfig warming, AlertThresholds alerts,
                              MetricsReportSettings metricsReport, ChangeStreamConfig changeStream,
                              EventConsumerConfig eventConsumer, HttpServerConfig httpServer) {

    /** With hash tags on a Redis Cluster, so that a value, its scope's version and its lease share a slot. */
    public KeyFormat keyFormat() {
        boolean cluster = redisUrl.map(url -> RedisSettings.of(url).topology() == RedisTopology.CLUSTER).orElse(false);
        return new KeyFormat(keyPrefix, cluster);
    }

    /** How long a request waits for another request's load of the same key: a little over the engine's timeout. */
    public Duration maxWaitForLoad() {
        return engineTimeout.plusMillis(500);
    }
}
