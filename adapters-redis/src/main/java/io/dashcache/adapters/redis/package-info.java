/**
 * The Redis and Caffeine side of dashcache: everything that touches Jedis or Caffeine lives here.
 *
 * <ul>
 *   <li>{@link io.dashcache.adapters.redis.RedisConnector}: parses {@code DASHCACHE_REDIS_URL} and owns
 *       the pooled client (short timeouts: a dead Redis must not hold requests).</li>
 *   <li>{@link io.dashcache.adapters.redis.RedisSharedTier}: L2. A value and its scope's version are
 *       read in one {@code MGET}; a write is a Lua compare-and-set on the version, touching the keys of
 *       one hash slot only, so the same code runs on Redis Cluster.</li>
 *   <li>{@link io.dashcache.adapters.redis.CircuitBreakingSharedTier}: L2 behind one resilience4j circuit
 *       breaker per shard ({@link io.dashcache.adapters.redis.RedisShards}: fail fast while a shard is down,
 *       recovery listeners when it closes or its replica took over), and
 *       {@link io.dashcache.adapters.redis.RedisTierHealthCheck}, its {@code /health} line.</li>
 *   <li>{@link io.dashcache.adapters.redis.RedisLoadLeases}: the per-key load leases that let one
 *       instance at a time load a key ({@code SET NX PX} with a random token; a Lua compare-and-delete
 *       gives it back), in the value's hash slot.</li>
 *   <li>{@link io.dashcache.adapters.redis.CaffeineLocalTier}: L1, bounded by bytes, never outliving
 *       the L2 entry it copies.</li>
 *   <li>{@link io.dashcache.adapters.redis.RedisInvalidationBroadcast}: pub/sub of L1 invalidations,
 *       with a subscriber that notices a dead or silent connection (heartbeat), reconnects, and
 *       reports that messages may have been missed.</li>
 *   <li>{@link io.dashcache.adapters.redis.RedisAppliedEvents} and
 *       {@link io.dashcache.adapters.redis.RedisHealthCheck}: idempotence markers and {@code /health}.</li>
 * </ul>
 *
 * <p>Every key and channel name comes from {@link io.dashcache.domain.KeyFormat}. No {@code KEYS}
 * anywhere; {@code SCAN} only in the operator tools ({@code deleteType}, {@code deleteEverything}).
 * Jedis exceptions never leave this package: they become
 * {@link io.dashcache.application.port.out.reading.CacheTierUnavailableException}, with messages that never
 * carry the password.
 */
package io.dashcache.adapters.redis;
