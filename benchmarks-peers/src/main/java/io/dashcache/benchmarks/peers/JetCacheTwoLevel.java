package io.dashcache.benchmarks.peers;

import com.alicp.jetcache.Cache;
import com.alicp.jetcache.MultiLevelCacheBuilder;
import com.alicp.jetcache.embedded.CaffeineCacheBuilder;
import com.alicp.jetcache.redis.RedisCacheBuilder;
import com.alicp.jetcache.support.JavaValueDecoder;
import com.alicp.jetcache.support.JavaValueEncoder;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPool;

/**
 * JetCache's two-level cache as its builder API documents it (its English builder and Redis-with-Jedis guides):
 * a Caffeine local cache over a Jedis {@code RedisCache}, joined by {@code MultiLevelCacheBuilder},
 * Java serialisation of values (JetCache's default encoder), read with {@code computeIfAbsent}.
 * Jedis here is JetCache's own 5.x, relocated in this jar (the project's is 7.x). No monitor is
 * added: JetCache is measured without statistics, dashcache with its metrics.
 */
public final class JetCacheTwoLevel implements PeerCache {

    private final Cache<String, byte[]> cache;
    private final JedisPool pool;
    private final Set<String> keys;
    private final Function<String, byte[]> loader;

    private JetCacheTwoLevel(Cache<String, byte[]> cache, JedisPool pool, Set<String> keys,
                             Function<String, byte[]> loader) {
        this.cache = cache;
        this.pool = pool;
        this.keys = keys;
        this.loader = loader;
    }

    /**
     * Writes every one of {@code values} through both levels (Redis under {@code keyPrefix}), so every
     * later read is a local hit.
     *
     * @param redisUrl {@code redis://host:port}
     */
    public static JetCacheTwoLevel filled(String redisUrl, String keyPrefix, Map<String, byte[]> values, Duration ttl) {
        URI uri = URI.create(redisUrl);
        GenericObjectPoolConfig<Jedis> poolConfig = new GenericObjectPoolConfig<>();
        poolConfig.setMaxTotal(8);
        poolConfig.setMaxIdle(8);
        JedisPool pool = new JedisPool(poolConfig, uri.getHost(), uri.getPort() < 0 ? 6379 : uri.getPort());
        long ttlMillis = ttl.toMillis();
        Cache<String, byte[]> local = CaffeineCacheBuilder.createCaffeineCacheBuilder()
                .limit(2 * values.size())
                .expireAfterWrite(ttlMillis, TimeUnit.MILLISECONDS)
                .buildCache();
        Cache<String, byte[]> remote = RedisCacheBuilder.createRedisCacheBuilder()
                .jedisPool(pool)
                .keyPrefix(keyPrefix)
                .valueEncoder(JavaValueEncoder.INSTANCE)
                .valueDecoder(JavaValueDecoder.INSTANCE)
                .expireAfterWrite(ttlMillis, TimeUnit.MILLISECONDS)
                .buildCache();
        Cache<String, byte[]> cache = MultiLevelCacheBuilder.createMultiLevelCacheBuilder()
                .addCache(local, remote)
                .expireAfterWrite(ttlMillis, TimeUnit.MILLISECONDS)
                .buildCache();
        cache.putAll(values);
        return new JetCacheTwoLevel(cache, pool, Set.copyOf(values.keySet()), values::get);
    }

    @Override
    public byte[] get(String key) {
        return cache.computeIfAbsent(key, loader);
    }

    @Override
    public void close() {
        cache.removeAll(keys);
        cache.close();
        pool.close();
    }
}
