package io.dashcache.benchmarks;

import io.dashcache.application.port.out.reading.DashboardSource;
import io.dashcache.application.port.out.reading.SourceAnswer;
import io.dashcache.domain.CacheKey;
import io.dashcache.domain.KeyFormat;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import redis.clients.jedis.UnifiedJedis;

/**
 * The alternative without dashcache: what a team writes in an afternoon. GET the key; on a miss
 * load from the engine and SETEX it. One Redis round trip per hit, no local tier, no versions, no
 * single flight, no envelope (the payload alone is stored).
 */
final class JedisCacheAside {

    private final UnifiedJedis redis;
    private final KeyFormat keys;
    private final DashboardSource engine;
    private final long ttlSeconds;

    JedisCacheAside(UnifiedJedis redis, KeyFormat keys, DashboardSource engine, Duration ttl) {
        this.redis = redis;
        this.keys = keys;
        this.engine = engine;
        this.ttlSeconds = ttl.toSeconds();
    }

    byte[] read(CacheKey key) {
        byte[] redisKey = keys.valueKey(key).getBytes(StandardCharsets.UTF_8);
        byte[] cached = redis.get(redisKey);
        if (cached != null) {
            return cached;
        }
        byte[] loaded = engine.fetch(key) instanceof SourceAnswer.Found found ? found.json() : new byte[0];
        redis.setex(redisKey, ttlSeconds, loaded);
        return loaded;
    }
}
