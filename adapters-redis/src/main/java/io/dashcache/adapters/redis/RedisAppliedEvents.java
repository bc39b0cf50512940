package io.dashcache.adapters.redis;

import io.dashcache.application.port.out.invalidation.AppliedEvents;
import io.dashcache.domain.KeyFormat;
import java.time.Duration;
import java.util.Objects;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.SetParams;

/**
 * Which engine events were applied, as one marker key each, {@code {prefix}:event:{eventId}}, kept
 * for {@code retention} (24 h by default: longer than any redelivery). Shared by every instance, so
 * an event applied by one is not applied again by another.
 */
public final class RedisAppliedEvents implements AppliedEvents {

    public static final Duration DEFAULT_RETENTION = Duration.ofHours(24);

    private final UnifiedJedis redis;
    private final KeyFormat keys;
    private final SetParams marker;
    private final KeyCircuits circuits;

    public RedisAppliedEvents(UnifiedJedis redis, KeyFormat keys) {
        this(redis, keys, DEFAULT_RETENTION);
    }

    public RedisAppliedEvents(UnifiedJedis redis, KeyFormat keys, Duration retention) {
        this(redis, keys, retention, KeyCircuits.NONE);
    }

    /**
     * @param circuits the circuit of each marker's shard: a marker's key lives in a slot of its own, so on a
     *                 cluster it may be on a dead shard while the event's scopes are not
     */
    public RedisAppliedEvents(UnifiedJedis redis, KeyFormat keys, Duration retention, KeyCircuits circuits) {
        this.circuits = Objects.requireNonNull(circuits, "circuits");
        this.redis = Objects.requireNonNull(redis, "redis");
        this.keys = Objects.requireNonNull(keys, "keys");
        if (retention == null || retention.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("event retention must be at least 1 second, got " + retention);
        }
        this.marker = new SetParams().nx().ex(retention.toSeconds());
    }

    /** @throws io.dashcache.application.port.out.reading.CacheTierUnavailableException when Redis does not answer */
    @Override
    public boolean isApplied(String eventId) {
        String key = key(eventId);
        return circuits.guard(key, () -> RedisFailures.call("check of event " + eventId, () -> redis.exists(key)));
    }

    /** Idempotent: marking twice keeps the first marker and its expiry. */
    @Override
    public void markApplied(String eventId) {
        String key = key(eventId);
        circuits.guard(key, () -> RedisFailures.call("marking of event " + eventId, () -> redis.set(key, "1", marker)));
    }

    private String key(String eventId) {
        return keys.name("event:" + eventId);
    }
}
